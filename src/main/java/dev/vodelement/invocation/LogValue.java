package dev.vodelement.invocation;

import dev.vodelement.failure.SafeText;

/**
 * A value as a log line may show it. Logs are plain text by default, one record a line, and
 * callers control much of what is logged (image URLs, names, codes and messages that quote them,
 * request ids): a raw line break would let them forge a whole log line, an ANSI escape would
 * rewrite a terminal, a bidi control would reorder what a reader sees. Each such character is
 * written as <code>&#92;uXXXX</code>, and URLs are masked as {@link SafeText#message} masks them. Every log
 * statement that carries a value from outside the function goes through {@link #of}.
 */
public final class LogValue {

    private LogValue() {
    }

    /** The value, masked and escaped; {@code -} for none. */
    public static String of(Object value) {
        if (value == null) {
            return "-";
        }
        return escape(SafeText.message(String.valueOf(value)));
    }

    /** Escapes what {@link #mustEscape} names, leaving every other character as it is. */
    public static String escape(String text) {
        if (text.codePoints().noneMatch(LogValue::mustEscape)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (mustEscape(cp)) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /**
     * C0 and C1 controls (CR, LF, ESC, NUL, NEL...) and DEL, the Unicode line and paragraph
     * separators, the bidi marks, embeddings, overrides and isolates, and lone surrogates (which
     * no encoder writes faithfully).
     */
    private static boolean mustEscape(int cp) {
        return Character.getType(cp) == Character.CONTROL
                || cp == 0x2028 || cp == 0x2029
                || cp == 0x200E || cp == 0x200F || cp == 0x061C
                || cp >= 0x202A && cp <= 0x202E
                || cp >= 0x2066 && cp <= 0x2069
                || cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE;
    }
}
