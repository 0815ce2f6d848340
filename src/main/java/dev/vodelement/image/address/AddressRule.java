package dev.vodelement.image.address;

import java.net.InetAddress;
import java.util.Optional;

/**
 * The contract's address rule: an image host must not be, or resolve to, a loopback, private,
 * link-local, unique-local, carrier-grade-NAT, unspecified, multicast, broadcast or reserved
 * address. IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) are
 * judged by the IPv4 address they lead to, since that is where a packet ends up.
 */
public final class AddressRule {

    private AddressRule() {
    }

    /** Why the address is refused ("a loopback address (127.0.0.1)"), or empty when it may be fetched. */
    public static Optional<String> violation(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return ipv4Kind(bytes).map(kind -> kind + " (" + ipv4Text(bytes) + ")");
        }
        return ipv6Violation(bytes);
    }

    private static Optional<String> ipv6Violation(byte[] a) {
        String text = ipv6Text(a);
        Optional<byte[]> embedded = embeddedIpv4(a);
        if (embedded.isPresent()) {
            byte[] v4 = embedded.get();
            return ipv4Kind(v4).map(kind -> kind + " (" + text + ", which leads to " + ipv4Text(v4) + ")");
        }
        return ipv6Kind(a).map(kind -> kind + " (" + text + ")");
    }

    private static Optional<String> ipv4Kind(byte[] a) {
        int b0 = a[0] & 0xFF;
        int b1 = a[1] & 0xFF;
        int b2 = a[2] & 0xFF;
        if (b0 == 0) {
            return Optional.of("an unspecified address");
        }
        if (b0 == 127) {
            return Optional.of("a loopback address");
        }
        if (b0 == 10 || (b0 == 172 && (b1 & 0xF0) == 16) || (b0 == 192 && b1 == 168)) {
            return Optional.of("a private address");
        }
        if (b0 == 100 && (b1 & 0xC0) == 64) {
            return Optional.of("a carrier-grade NAT address");
        }
        if (b0 == 169 && b1 == 254) {
            return Optional.of("a link-local address");
        }
        if ((b0 & 0xF0) == 224) {
            return Optional.of("a multicast address");
        }
        if (b0 == 255 && b1 == 255 && b2 == 255 && (a[3] & 0xFF) == 255) {
            return Optional.of("a broadcast address");
        }
        if ((b0 & 0xF0) == 240 || (b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2)) || (b0 == 198 && (b1 & 0xFE) == 18)
                || (b0 == 198 && b1 == 51 && b2 == 100) || (b0 == 203 && b1 == 0 && b2 == 113)) {
            return Optional.of("a reserved address");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6Kind(byte[] a) {
        if (isZero(a, 0, 16)) {
            return Optional.of("an unspecified address");
        }
        if (isZero(a, 0, 15) && a[15] == 1) {
            return Optional.of("a loopback address");
        }
        int b0 = a[0] & 0xFF;
        int b1 = a[1] & 0xFF;
        if ((b0 & 0xFE) == 0xFC) {
            return Optional.of("a unique-local address");
        }
        if (b0 == 0xFE && (b1 & 0xC0) == 0x80) {
            return Optional.of("a link-local address");
        }
        if (b0 == 0xFE && (b1 & 0xC0) == 0xC0) {
            return Optional.of("a private (site-local) address");
        }
        if (b0 == 0xFF) {
            return Optional.of("a multicast address");
        }
        if (startsWith(a, 0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01)) {
            return Optional.of("a private (local-use NAT64) address");
        }
        if (startsWith(a, 0x01, 0x00) && isZero(a, 2, 8)) {
            return Optional.of("a reserved (discard-only) address");
        }
        if (startsWith(a, 0x20, 0x01, 0x0D, 0xB8)) {
            return Optional.of("a reserved (documentation) address");
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address an IPv6 address leads to: IPv4-mapped ::ffff:a.b.c.d, IPv4-translated
     * ::ffff:0:a.b.c.d, the deprecated IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d, 6to4
     * 2002:aabb:ccdd::, and the (inverted) client address of Teredo 2001:0::.
     */
    static Optional<byte[]> embeddedIpv4(byte[] a) {
        if (isZero(a, 0, 10) && (a[10] & 0xFF) == 0xFF && (a[11] & 0xFF) == 0xFF) {
            return Optional.of(slice(a, 12));
        }
        if (isZero(a, 0, 8) && (a[8] & 0xFF) == 0xFF && (a[9] & 0xFF) == 0xFF && isZero(a, 10, 12)) {
            return Optional.of(slice(a, 12));
        }
        boolean unspecifiedOrLoopback = isZero(a, 12, 15) && (a[15] == 0 || a[15] == 1);
        if (isZero(a, 0, 12) && !unspecifiedOrLoopback) {
            return Optional.of(slice(a, 12));
        }
        if (startsWith(a, 0x00, 0x64, 0xFF, 0x9B) && isZero(a, 4, 12)) {
            return Optional.of(slice(a, 12));
        }
        if (startsWith(a, 0x20, 0x02)) {
            return Optional.of(slice(a, 2));
        }
        if (startsWith(a, 0x20, 0x01, 0x00, 0x00)) {
            byte[] client = slice(a, 12);
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~client[i];
            }
            return Optional.of(client);
        }
        return Optional.empty();
    }

    static String ipv4Text(byte[] a) {
        return (a[0] & 0xFF) + "." + (a[1] & 0xFF) + "." + (a[2] & 0xFF) + "." + (a[3] & 0xFF);
    }

    /** RFC 5952 text: lower case, the longest run of zero groups (two or more) shortened to {@code ::}. */
    static String ipv6Text(byte[] a) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static byte[] slice(byte[] a, int from) {
        return new byte[] {a[from], a[from + 1], a[from + 2], a[from + 3]};
    }

    private static boolean isZero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] a, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((a[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
