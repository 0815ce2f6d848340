package dev.vodelement.idempotency;

import java.util.List;
import java.util.Optional;

import dev.vodelement.failure.FunctionFailure;

/**
 * The value of an {@code Idempotency-Key} request header: 1 to 255 visible ASCII characters
 * (0x21 to 0x7E, what RFC 5234 calls VCHAR), as the contract says. A bad value is refused with
 * {@code 400 InvalidParameterValue.IdempotencyKey} naming the header and the rule; the message
 * describes what was wrong (length, a character's code point and position), never the value itself.
 * {@link #toString()} does not show it either: keys are never logged, only the digest they are
 * stored under.
 */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";
    public static final String INVALID_CODE = "InvalidParameterValue.IdempotencyKey";
    public static final int MAX_LENGTH = 255;
    private static final String RULE = HEADER + " must be 1 to " + MAX_LENGTH
            + " visible ASCII characters (0x21 to 0x7E), found ";

    public IdempotencyKey {
        String problem = problem(value);
        if (problem != null) {
            throw FunctionFailure.invalid(INVALID_CODE, RULE + problem);
        }
    }

    /**
     * The key a request carries, from every value of its {@code Idempotency-Key} header (none: no
     * key; more than one: refused, the request is ambiguous).
     */
    public static Optional<IdempotencyKey> fromHeader(List<String> values) {
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw FunctionFailure.invalid(INVALID_CODE, HEADER + " must be sent once, found " + values.size()
                    + " of them");
        }
        return Optional.of(new IdempotencyKey(values.get(0)));
    }

    /** The key of a header value that may be absent (null). */
    public static Optional<IdempotencyKey> fromHeader(String value) {
        return fromHeader(value == null ? List.of() : List.of(value));
    }

    /** What breaks the rule, or null when the value is a valid key. */
    static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "an empty value";
        }
        if (value.length() > MAX_LENGTH) {
            return value.length() + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x21 && c <= 0x7E) {
                continue;
            }
            String what = c == ' ' ? "a space" : c < 0x20 || c == 0x7F ? "a control character"
                    : "a non-ASCII character";
            return what + " (U+" + String.format("%04X", (int) c) + ") at position " + (i + 1);
        }
        return null;
    }

    @Override
    public String toString() {
        return "IdempotencyKey[" + value.length() + " characters]";
    }
}
