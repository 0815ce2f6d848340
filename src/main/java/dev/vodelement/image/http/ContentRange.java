package dev.vodelement.image.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code Content-Range} value: {@code bytes first-last/total}, where total may be {@code *}
 * (unknown), or, on a 416, {@code bytes *}{@code /total}. Absent parts are -1.
 */
public record ContentRange(long first, long last, long total) {

    private static final Pattern SATISFIED = Pattern.compile("bytes\\s+([0-9]{1,18})-([0-9]{1,18})/([0-9]{1,18}|\\*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern UNSATISFIED = Pattern.compile("bytes\\s+\\*/([0-9]{1,18})", Pattern.CASE_INSENSITIVE);

    /** The range of a 206, or null when the value is missing or malformed. */
    public static ContentRange ofPartial(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = SATISFIED.matcher(value.trim());
        if (!m.matches()) {
            return null;
        }
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
        if (last < first || (total >= 0 && last >= total)) {
            return null;
        }
        return new ContentRange(first, last, total);
    }

    /** The total size a 416 announces, or -1. */
    public static long totalOfUnsatisfied(String value) {
        if (value == null) {
            return -1;
        }
        Matcher m = UNSATISFIED.matcher(value.trim());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    public long length() {
        return last - first + 1;
    }
}
