package dev.vodelement.cos;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vodelement.element.DisplayUrl;

/**
 * A message with the signing parameters of every URL in it masked. Manifest images are checked
 * through pre-signed URLs, whose query is a bearer secret; the messages that reach outcome
 * objects, event answers and logs are already written with {@link DisplayUrl}, and this second
 * pass makes sure that a message from any layer cannot carry one into the bucket.
 */
public final class MaskedMessage {

    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>]+", Pattern.CASE_INSENSITIVE);

    private MaskedMessage() {
    }

    public static String of(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = URL.matcher(message);
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
            m.appendReplacement(out, Matcher.quoteReplacement(DisplayUrl.of(url) + trailing));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }
}
