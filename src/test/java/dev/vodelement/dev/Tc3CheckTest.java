package dev.vodelement.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.vod.Tc3Signer;

/**
 * The dev VOD simulator judges requests as VOD does: with VOD's error codes for missing or garbled
 * headers and unknown keys, and never with an exception (which Vert.x would answer 500, with a stack
 * trace in the log).
 */
class Tc3CheckTest {

    private static final String ID = "AKID-dev-simulator-only";
    private static final String KEY = "devSimulatorOnlySecretKey0000000";
    private static final byte[] BODY = "{\"ElementName\":\"cat\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-12-02T11:00:00Z");

    private final Tc3Check check = new Tc3Check(ID, KEY);

    @Test
    void aRightlySignedRequestPasses() {
        assertNull(check.problem(header(signed(ID, KEY)), BODY, NOW));
    }

    @Test
    void aMissingTimestampIsMissingParameterNotAnException() {
        Map<String, String> headers = signed(ID, KEY);
        headers.remove("x-tc-timestamp");

        assertEquals("MissingParameter", check.problem(header(headers), BODY, NOW).code());
    }

    @Test
    void garbledHeadersGetVodsCodes() {
        Map<String, String> headers = signed(ID, KEY);
        headers.put("x-tc-timestamp", "yesterday");
        assertEquals("InvalidParameter", check.problem(header(headers), BODY, NOW).code());

        headers = signed(ID, KEY);
        headers.remove("authorization");
        assertEquals("MissingParameter", check.problem(header(headers), BODY, NOW).code());

        headers = signed(ID, KEY);
        headers.put("authorization", "Basic dXNlcjpwYXNz");
        assertEquals("AuthFailure.InvalidAuthorization", check.problem(header(headers), BODY, NOW).code());

        headers = signed(ID, KEY);
        headers.put("authorization", Tc3Signer.ALGORITHM + " Credential, =,,=");
        assertEquals("AuthFailure.InvalidAuthorization", check.problem(header(headers), BODY, NOW).code());

        headers = signed(ID, KEY);
        headers.remove("x-tc-action");
        assertEquals("MissingParameter", check.problem(header(headers), BODY, NOW).code());

        headers = signed(ID, KEY);
        headers.remove("host");
        assertEquals("AuthFailure.SignatureFailure", check.problem(header(headers), BODY, NOW).code());
    }

    @Test
    void anUnknownSecretIdIsSecretIdNotFound() {
        assertEquals("AuthFailure.SecretIdNotFound",
                check.problem(header(signed("AKIDsomeoneElse", KEY)), BODY, NOW).code());
        assertEquals("AuthFailure.SecretIdNotFound",
                new Tc3Check("", "").problem(header(signed(ID, KEY)), BODY, NOW).code());
    }

    @Test
    void aWrongKeyOrBodyIsASignatureFailureAndAStaleTimestampExpired() {
        assertEquals("AuthFailure.SignatureFailure",
                check.problem(header(signed(ID, "anotherSecretKey000000000000000")), BODY, NOW).code());
        assertEquals("AuthFailure.SignatureFailure",
                check.problem(header(signed(ID, KEY)), "{}".getBytes(StandardCharsets.UTF_8), NOW).code());
        assertEquals("AuthFailure.SignatureExpire",
                check.problem(header(signed(ID, KEY)), BODY, NOW.plusSeconds(301)).code());
    }

    /** Headers as VodClient sends them, signed at {@link #NOW}. */
    private static Map<String, String> signed(String secretId, String secretKey) {
        long timestamp = NOW.getEpochSecond();
        Map<String, String> signedHeaders = new LinkedHashMap<>();
        signedHeaders.put("content-type", "application/json; charset=utf-8");
        signedHeaders.put("host", "localhost:8080");
        signedHeaders.put("x-tc-action", "CreateAigcCustomElement");
        String authorization = new Tc3Signer().sign(new TencentCredentials(secretId, secretKey, null), "vod",
                timestamp, signedHeaders, BODY).authorization();
        Map<String, String> headers = new HashMap<>(signedHeaders);
        headers.put("x-tc-timestamp", Long.toString(timestamp));
        headers.put("authorization", authorization);
        return headers;
    }

    /** Header names are case-insensitive, as in the HTTP request the simulator reads. */
    private static java.util.function.UnaryOperator<String> header(Map<String, String> headers) {
        return name -> headers.get(name.toLowerCase(Locale.ROOT));
    }
}
