package dev.vodelement.failure;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a URL or a message may show in an answer, a log line or an outcome object. Pre-signed URLs
 * are how private images reach VOD, and their signatures and tokens are bearer secrets: the values
 * of query parameters that carry them (COS q-sign, S3 SigV4, temporary-credential tokens) and user
 * info ({@code user:password@}) are masked.
 */
public final class SafeText {

    private static final Set<String> SECRET_PARAMETERS = Set.of(
            "q-signature", "q-ak", "x-cos-security-token", "sign", "signature", "token", "security-token",
            "x-amz-signature", "x-amz-security-token", "x-amz-credential", "x-oss-signature",
            "x-oss-security-token", "accesskeyid", "access_token");

    private static final Pattern PARAMETER = Pattern.compile("([?&])([^=&#]+)=([^&#]*)");
    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#@]*@");
    private static final Pattern URL_IN_TEXT = Pattern.compile("https?://[^\\s\"'<>]+", Pattern.CASE_INSENSITIVE);

    private SafeText() {
    }

    /** A URL with its signing parameters and user info masked. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String shown = USER_INFO.matcher(url).replaceFirst("$1***@");
        return shown.indexOf('?') < 0 ? shown : maskParameters(shown);
    }

    /**
     * A message with every URL in it masked as {@link #url} does. Messages are written with
     * {@link #url} already; this second pass, applied where a message leaves for the bucket or a
     * report, makes sure that a message from any layer cannot carry a signature out.
     */
    public static String message(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = URL_IN_TEXT.matcher(message);
        StringBuilder out = new StringBuilder(message.length());
        while (m.find()) {
            String url = m.group();
            String trailing = "";
            // Prose around a URL: "(https://...)" or "... https://...;" keeps its punctuation.
            while (!url.isEmpty() && (".,;:".indexOf(url.charAt(url.length() - 1)) >= 0
                    || url.endsWith(")") && count(url, '(') < count(url, ')'))) {
                trailing = url.charAt(url.length() - 1) + trailing;
                url = url.substring(0, url.length() - 1);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(url(url) + trailing));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String maskParameters(String url) {
        Matcher m = PARAMETER.matcher(url);
        StringBuilder out = new StringBuilder(url.length());
        while (m.find()) {
            String name = m.group(2).toLowerCase(Locale.ROOT);
            String value = SECRET_PARAMETERS.contains(name) ? "***" : m.group(3);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + "=" + value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }
}
