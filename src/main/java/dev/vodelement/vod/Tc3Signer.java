package dev.vodelement.vod;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.vodelement.credentials.TencentCredentials;

/**
 * Tencent Cloud API 3.0 request signing, TC3-HMAC-SHA256. Pure and stateless: it signs exactly the
 * header values and body bytes it is given, so the caller must pass what goes on the wire.
 */
public final class Tc3Signer {

    public static final String ALGORITHM = "TC3-HMAC-SHA256";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    /** The signature and the {@code Authorization} header value that carries it. */
    public record Signed(String authorization, String signedHeaders, String signature) {
    }

    /**
     * Signs a POST to "/" with no query string.
     *
     * @param signedHeaders header name to the value sent; must include content-type and host
     */
    public Signed sign(TencentCredentials credentials, String service, long timestamp,
            Map<String, String> signedHeaders, byte[] body) {
        TreeMap<String, String> canonical = new TreeMap<>();
        signedHeaders.forEach((name, value) -> canonical.put(name.toLowerCase(Locale.ROOT),
                value.trim().toLowerCase(Locale.ROOT)));
        if (!canonical.containsKey("content-type") || !canonical.containsKey("host")) {
            throw new IllegalArgumentException("content-type and host must be signed");
        }
        String headerLines = canonical.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue() + "\n")
                .collect(Collectors.joining());
        String headerNames = String.join(";", canonical.keySet());
        String canonicalRequest = "POST\n/\n\n" + headerLines + "\n" + headerNames + "\n" + sha256Hex(body);

        String date = DATE.format(Instant.ofEpochSecond(timestamp));
        String scope = date + "/" + service + "/tc3_request";
        String stringToSign = ALGORITHM + "\n" + timestamp + "\n" + scope + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));

        byte[] secretDate = hmac(("TC3" + credentials.secretKey()).getBytes(StandardCharsets.UTF_8), date);
        byte[] secretService = hmac(secretDate, service);
        byte[] secretSigning = hmac(secretService, "tc3_request");
        String signature = HEX.formatHex(hmac(secretSigning, stringToSign));

        String authorization = ALGORITHM + " Credential=" + credentials.secretId() + "/" + scope
                + ", SignedHeaders=" + headerNames + ", Signature=" + signature;
        return new Signed(authorization, headerNames, signature);
    }

    static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
