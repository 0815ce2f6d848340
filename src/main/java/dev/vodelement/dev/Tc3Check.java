package dev.vodelement.dev;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.vod.Tc3Signer;

/**
 * How VOD judges a signed request, for the dev simulator: each problem answers the error code VOD
 * answers for it (missing parameters, an unknown SecretId, a stale timestamp, a wrong signature),
 * and no request, however garbled, makes it throw. A plain class, so that tests need no dev mode.
 */
final class Tc3Check {

    /** VOD's {@code Error} of an API 3.0 answer. */
    record VodError(String code, String message) {
    }

    private static final long MAX_SKEW_SECONDS = 300;

    private final String secretId;
    private final String secretKey;
    private final Tc3Signer signer = new Tc3Signer();

    /** The one key pair the simulator knows (the dev profile's); none when either is blank. */
    Tc3Check(String secretId, String secretKey) {
        boolean known = !blank(secretId) && !blank(secretKey);
        this.secretId = known ? secretId : null;
        this.secretKey = known ? secretKey : null;
    }

    /**
     * @param header a request header by name, null when absent
     * @return what VOD would answer instead of the element; null when the request is signed right
     */
    VodError problem(UnaryOperator<String> header, byte[] body, Instant now) {
        if (blank(header.apply("X-TC-Action"))) {
            return missing("Action", "X-TC-Action");
        }
        String timestampHeader = header.apply("X-TC-Timestamp");
        if (blank(timestampHeader)) {
            return missing("Timestamp", "X-TC-Timestamp");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return new VodError("InvalidParameter", "X-TC-Timestamp must be a Unix time in seconds");
        }
        String authorization = header.apply("Authorization");
        if (blank(authorization)) {
            return missing("Authorization", "Authorization");
        }
        if (!authorization.startsWith(Tc3Signer.ALGORITHM + " ")) {
            return new VodError("AuthFailure.InvalidAuthorization", "Authorization must be " + Tc3Signer.ALGORITHM
                    + " Credential=..., SignedHeaders=..., Signature=...");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : authorization.substring(Tc3Signer.ALGORITHM.length() + 1).split(",\\s*")) {
            String[] kv = part.split("=", 2);
            parts.put(kv[0].trim(), kv.length > 1 ? kv[1].trim() : "");
        }
        String[] scope = parts.getOrDefault("Credential", "").split("/");
        if (scope.length != 4 || !"vod".equals(scope[2]) || !"tc3_request".equals(scope[3])
                || blank(parts.get("SignedHeaders")) || blank(parts.get("Signature"))) {
            return new VodError("AuthFailure.InvalidAuthorization",
                    "Authorization needs Credential=<SecretId>/<date>/vod/tc3_request, SignedHeaders and Signature");
        }
        if (!scope[0].equals(secretId)) {
            return new VodError("AuthFailure.SecretIdNotFound", "SecretId " + scope[0] + " is not known here"
                    + " (the dev simulator knows only vod.secret-id of the dev profile)");
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > MAX_SKEW_SECONDS) {
            return new VodError("AuthFailure.SignatureExpire", "X-TC-Timestamp is more than 5 minutes from server time");
        }
        Map<String, String> signed = new LinkedHashMap<>();
        for (String name : parts.get("SignedHeaders").split(";")) {
            String value = header.apply(name);
            if (value == null) {
                return new VodError("AuthFailure.SignatureFailure", "signed header " + name + " was not sent");
            }
            signed.put(name, value);
        }
        if (!signed.containsKey("content-type") || !signed.containsKey("host")) {
            return new VodError("AuthFailure.SignatureFailure", "SignedHeaders must include content-type and host");
        }
        TencentCredentials account = new TencentCredentials(secretId, secretKey, null);
        String expected = signer.sign(account, "vod", timestamp, signed, body).signature();
        return expected.equals(parts.get("Signature")) ? null
                : new VodError("AuthFailure.SignatureFailure", "the request signature does not match");
    }

    private static VodError missing(String parameter, String header) {
        return new VodError("MissingParameter", "The request is missing a required parameter `" + parameter
                + "` (header " + header + ")");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
