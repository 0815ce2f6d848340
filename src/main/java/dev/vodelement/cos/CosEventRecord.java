package dev.vodelement.cos;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vodelement.failure.FunctionFailure;

/**
 * One record of a COS trigger event: the object key (without the {@code /<appid>/<bucket>/}
 * prefix the event puts before it), the object URL whose host is the bucket's, and the event name.
 */
public record CosEventRecord(String key, URI objectUrl, String eventName) {

    private static final Pattern APPID_BUCKET_PREFIX = Pattern.compile("^/\\d+/[^/]+/(.*)$", Pattern.DOTALL);

    /** Whether an event has the shape of a COS trigger event: a {@code Records} array. */
    public static boolean isCosEvent(JsonNode event) {
        return event != null && event.isObject() && event.path("Records").isArray();
    }

    /** Object-created events start processing; deletions and others are reported as ignored. */
    public boolean isObjectCreated() {
        return eventName == null || eventName.isEmpty() || eventName.startsWith("cos:ObjectCreated");
    }

    /** The object key of a record, for reports, even when the record is otherwise malformed. */
    public static String keyOf(JsonNode record) {
        JsonNode object = record.path("cos").path("cosObject");
        String key = object.path("key").textValue();
        if (key != null) {
            return stripPrefix(key, record.path("cos").path("cosBucket"));
        }
        String url = object.path("url").textValue();
        try {
            return url == null ? null : keyOfPath(new URI(url).getRawPath());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * @throws FunctionFailure an invalid request naming the field of the record that is missing or broken
     */
    public static CosEventRecord parse(JsonNode record, int index) {
        String at = "Records[" + index + "].cos.cosObject";
        JsonNode object = record.path("cos").path("cosObject");
        if (!object.isObject()) {
            throw FunctionFailure.invalid("InvalidParameter", "Records[" + index + "] is not a COS record: "
                    + "cos.cosObject is missing");
        }
        String urlText = object.path("url").textValue();
        if (urlText == null || urlText.isBlank()) {
            throw FunctionFailure.invalid("InvalidParameter", at + ".url is required to find the bucket's host");
        }
        URI url;
        try {
            url = new URI(urlText);
        } catch (URISyntaxException e) {
            throw FunctionFailure.invalid("InvalidParameter", at + ".url is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw FunctionFailure.invalid("InvalidParameter", at + ".url must be an http(s) URL with a host");
        }
        String urlKey = keyOfPath(url.getRawPath());
        String fieldKey = object.path("key").textValue();
        String key = fieldKey == null ? urlKey : stripPrefix(fieldKey, record.path("cos").path("cosBucket"));
        if (urlKey != null && !urlKey.equals(key) && urlKey.equals(percentDecode(key))) {
            key = urlKey; // the event gave the key percent-encoded, as in the URL
        }
        if (key == null || key.isEmpty()) {
            throw FunctionFailure.invalid("InvalidParameter", at + ".key is required");
        }
        return new CosEventRecord(key, url, record.path("event").path("eventName").textValue());
    }

    private static String stripPrefix(String key, JsonNode bucket) {
        String appid = bucket.path("appid").asText("");
        String name = bucket.path("name").asText("");
        String prefix = "/" + appid + "/" + name + "/";
        if (!appid.isEmpty() && !name.isEmpty() && key.startsWith(prefix)) {
            return key.substring(prefix.length());
        }
        Matcher m = APPID_BUCKET_PREFIX.matcher(key);
        if (m.matches()) {
            return m.group(1);
        }
        return key.startsWith("/") ? key.substring(1) : key;
    }

    private static String keyOfPath(String rawPath) {
        return rawPath == null || rawPath.length() < 2 ? null : percentDecode(rawPath.substring(1));
    }

    /** Decodes %XX sequences as UTF-8 ("+" stays a plus: this is a path, not a form). */
    static String percentDecode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int hi;
            int lo;
            if (c == '%' && i + 2 < value.length()
                    && (hi = Character.digit(value.charAt(i + 1), 16)) >= 0
                    && (lo = Character.digit(value.charAt(i + 2), 16)) >= 0) {
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < value.length()) {
                    utf8 = value.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(utf8);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
