package dev.vodelement.image;

import java.util.regex.Pattern;

import dev.vodelement.element.DisplayUrl;

/**
 * A URL as it may appear in a message or log: signing parameters masked by {@link DisplayUrl}, and
 * user info ({@code user:password@}) masked too, since it is a credential as well.
 */
final class ShownUrl {

    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#@]*@");

    private ShownUrl() {
    }

    static String of(String url) {
        String masked = DisplayUrl.of(url);
        return masked == null ? null : USER_INFO.matcher(masked).replaceFirst("$1***@");
    }
}
