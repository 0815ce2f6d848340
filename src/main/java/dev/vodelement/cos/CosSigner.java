package dev.vodelement.cos;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * COS request signing ("q-sign", HMAC-SHA1), the same for an {@code Authorization} header and for
 * the query string of a pre-signed URL. Pure and stateless: it signs exactly the path, parameters
 * and header values it is given, so the caller passes what goes on the wire.
 */
public final class CosSigner {

    private static final HexFormat HEX = HexFormat.of();

    /** A computed signature; {@link #query()} is both the Authorization value and the pre-signed URL's parameters. */
    public record Signature(String secretId, String keyTime, String headerList, String urlParamList, String signature) {

        public String query() {
            return "q-sign-algorithm=sha1&q-ak=" + encode(secretId) + "&q-sign-time=" + keyTime + "&q-key-time="
                    + keyTime + "&q-header-list=" + headerList + "&q-url-param-list=" + urlParamList
                    + "&q-signature=" + signature;
        }

        @Override
        public String toString() {
            return "CosSigner.Signature[keyTime=" + keyTime + ", headers=" + headerList + ", params=" + urlParamList
                    + "]";
        }
    }

    /**
     * @param method HTTP method, any case
     * @param path the decoded object path, starting with "/"
     * @param parameters query parameters to sign (decoded names and values)
     * @param headers header values sent (names any case)
     * @param start first second of validity (unix time)
     * @param end last second of validity
     */
    public Signature sign(String secretId, String secretKey, String method, String path,
            Map<String, String> parameters, Map<String, String> headers, long start, long end) {
        String keyTime = start + ";" + end;
        TreeMap<String, String> params = canonical(parameters);
        TreeMap<String, String> heads = canonical(headers);
        String httpString = method.toLowerCase(Locale.ROOT) + "\n" + path + "\n" + join(params) + "\n" + join(heads)
                + "\n";
        String stringToSign = "sha1\n" + keyTime + "\n" + sha1Hex(httpString) + "\n";
        String signKey = HEX.formatHex(hmacSha1(secretKey.getBytes(StandardCharsets.UTF_8), keyTime));
        String signature = HEX.formatHex(hmacSha1(signKey.getBytes(StandardCharsets.UTF_8), stringToSign));
        return new Signature(secretId, keyTime, String.join(";", heads.keySet()), String.join(";", params.keySet()),
                signature);
    }

    /** The SignKey of a KeyTime, exposed for the documented test vector. */
    static String signKey(String secretKey, String keyTime) {
        return HEX.formatHex(hmacSha1(secretKey.getBytes(StandardCharsets.UTF_8), keyTime));
    }

    /** Names lowercased, then names and values URL-encoded; sorted by encoded name. */
    private static TreeMap<String, String> canonical(Map<String, String> entries) {
        TreeMap<String, String> sorted = new TreeMap<>();
        entries.forEach((name, value) -> sorted.put(encode(name.toLowerCase(Locale.ROOT)),
                encode(value == null ? "" : value)));
        return sorted;
    }

    private static String join(TreeMap<String, String> entries) {
        return entries.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    /** RFC 3986 percent-encoding: everything but unreserved characters, UTF-8, upper-case hex. */
    public static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    static String sha1Hex(String data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-1").digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    private static byte[] hmacSha1(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }
}
