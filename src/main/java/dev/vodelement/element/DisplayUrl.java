package dev.vodelement.element;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the values of query parameters that carry signatures or tokens (COS q-sign, S3 SigV4,
 * temporary-credential tokens), and user info ({@code user:password@}), before a URL is shown in a
 * message, a log line or an outcome object. Pre-signed URLs are how private images reach VOD, and
 * their tokens are secrets.
 */
public final class DisplayUrl {

    private static final Set<String> SECRET_PARAMETERS = Set.of(
            "q-signature", "q-ak", "x-cos-security-token", "sign", "signature", "token", "security-token",
            "x-amz-signature", "x-amz-security-token", "x-amz-credential", "x-oss-signature",
            "x-oss-security-token", "accesskeyid", "access_token");

    private static final Pattern PARAMETER = Pattern.compile("([?&])([^=&#]+)=([^&#]*)");
    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#@]*@");

    private DisplayUrl() {
    }

    public static String of(String url) {
        if (url == null) {
            return null;
        }
        String shown = USER_INFO.matcher(url).replaceFirst("$1***@");
        return shown.indexOf('?') < 0 ? shown : maskParameters(shown);
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
}
