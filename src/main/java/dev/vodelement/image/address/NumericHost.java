package dev.vodelement.image.address;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recognises the numeric IPv4 host forms that browsers, curl and {@code inet_aton} accept besides
 * dotted decimal: one to four parts, each decimal, octal (leading 0) or hex (0x), the last part
 * filling the remaining bytes ({@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.0.0.1},
 * {@code 127.1}). Java's resolver reads some of these differently or sends them to DNS, so a check
 * that trusted it would pass {@code 0x7f.1} while VOD's fetcher connects to 127.0.0.1.
 * Follows the WHATWG URL standard's IPv4 parser.
 */
final class NumericHost {

    private NumericHost() {
    }

    /**
     * True when the host ends in a number, which makes it an IPv4 address to a URL parser (and an
     * invalid host if it does not parse as one): such a host must never go to DNS.
     */
    static boolean looksNumeric(String host) {
        List<String> parts = parts(host);
        if (parts.isEmpty()) {
            return false;
        }
        String last = parts.get(parts.size() - 1);
        return !last.isEmpty() && (last.chars().allMatch(c -> c >= '0' && c <= '9') || parsePart(last, false) >= 0);
    }

    /** The address per the WHATWG parser (octal for leading zeros), empty if the host is not a valid IPv4 form. */
    static Optional<byte[]> parse(String host) {
        return parse(host, false);
    }

    /**
     * The address a parser that reads every part as decimal would see ({@code 0177.0.0.1} as
     * 177.0.0.1); empty when that differs in validity. Both readings are checked, since it is not
     * known which one the party that fetches the image later will use.
     */
    static Optional<byte[]> parseAsDecimal(String host) {
        return parse(host, true);
    }

    private static Optional<byte[]> parse(String host, boolean decimalOnly) {
        List<String> parts = parts(host);
        if (parts.isEmpty() || parts.size() > 4) {
            return Optional.empty();
        }
        long[] numbers = new long[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            numbers[i] = parsePart(parts.get(i), decimalOnly);
            if (numbers[i] < 0) {
                return Optional.empty();
            }
        }
        for (int i = 0; i < numbers.length - 1; i++) {
            if (numbers[i] > 255) {
                return Optional.empty();
            }
        }
        long last = numbers[numbers.length - 1];
        if (last >= 1L << (8 * (5 - numbers.length))) {
            return Optional.empty();
        }
        long value = last;
        for (int i = 0; i < numbers.length - 1; i++) {
            value += numbers[i] << (8 * (3 - i));
        }
        return Optional.of(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8),
                (byte) value});
    }

    private static List<String> parts(String host) {
        List<String> parts = new ArrayList<>(List.of(host.split("\\.", -1)));
        if (parts.size() > 1 && parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1); // a trailing dot, as in "127.0.0.1."
        }
        return parts;
    }

    /** The part's value, or -1 when it is not a number in its radix (or too large to matter). */
    private static long parsePart(String part, boolean decimalOnly) {
        if (part.isEmpty()) {
            return -1;
        }
        int radix = 10;
        String digits = part;
        if (!decimalOnly && (part.startsWith("0x") || part.startsWith("0X"))) {
            radix = 16;
            digits = part.substring(2);
            if (digits.isEmpty()) {
                return 0;
            }
        } else if (!decimalOnly && part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = Character.digit(digits.charAt(i), radix);
            if (digit < 0) {
                return -1;
            }
            value = value * radix + digit;
            if (value > 0xFFFF_FFFFL) {
                return Long.MAX_VALUE; // parses, but exceeds any part: invalid address, still numeric
            }
        }
        return value;
    }
}
