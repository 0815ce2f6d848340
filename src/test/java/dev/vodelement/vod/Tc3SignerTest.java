package dev.vodelement.vod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vodelement.credentials.TencentCredentials;

/** The signer against Tencent's official worked example and the VOD vectors of the reference. */
class Tc3SignerTest {

    private static final TencentCredentials EXAMPLE_KEYS = new TencentCredentials(
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", null);
    private static final long TIMESTAMP = 1551113065L;
    private static final String JSON_UTF8 = "application/json; charset=utf-8";
    private static final String VOD_BODY = "{\"ElementName\":\"my_element\",\"ElementDescription\":\"desc\","
            + "\"ElementFrontalImage\":\"https://example.com/front.png\","
            + "\"ElementReferList\":[{\"ImageUrl\":\"https://example.com/refer.png\"}]}";

    private final Tc3Signer signer = new Tc3Signer();

    @Test
    void officialWorkedExample() {
        String body = "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";
        assertEquals("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
                Tc3Signer.sha256Hex(body.getBytes(StandardCharsets.UTF_8)));

        Tc3Signer.Signed signed = signer.sign(EXAMPLE_KEYS, "cvm", TIMESTAMP,
                headers(JSON_UTF8, "cvm.tencentcloudapi.com", null), body.getBytes(StandardCharsets.UTF_8));

        assertEquals("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168", signed.signature());
        assertEquals("TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
                + "SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
                signed.authorization());
    }

    @Test
    void officialExampleSigningTheAction() {
        String body = "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";
        Tc3Signer.Signed signed = signer.sign(EXAMPLE_KEYS, "cvm", TIMESTAMP,
                headers(JSON_UTF8, "cvm.tencentcloudapi.com", "DescribeInstances"),
                body.getBytes(StandardCharsets.UTF_8));
        assertEquals("content-type;host;x-tc-action", signed.signedHeaders());
        assertEquals("644be983de9a8a3f00db8eadaba61467c3b429e2215758ba897b738ca469fd26", signed.signature());
    }

    @Test
    void vodVectors() {
        byte[] body = VOD_BODY.getBytes(StandardCharsets.UTF_8);
        assertEquals("dec4a3ff970e6c69c753ba133766208b87629a6ac72487503cfe71a2f2ac09f1",
                signer.sign(EXAMPLE_KEYS, "vod", TIMESTAMP, headers(JSON_UTF8, "vod.tencentcloudapi.com", null), body)
                        .signature());
        assertEquals("8ff9cd735f72d1610a3d894730ceaa9e78e74007097587ef4d080597dcb373e4",
                signer.sign(EXAMPLE_KEYS, "vod", TIMESTAMP, headers(JSON_UTF8, "vod.intl.tencentcloudapi.com", null),
                        body).signature());
        assertEquals("5f80ffa6803ec3bca4ad899ef8a64c8ce1d5cae838ceb464c6fe7fcee50d601a",
                signer.sign(EXAMPLE_KEYS, "vod", TIMESTAMP,
                        headers(JSON_UTF8, "vod.intl.tencentcloudapi.com", "CreateAigcCustomElement"), body)
                        .signature());
    }

    @Test
    void everySignedInputChangesTheSignature() {
        byte[] body = VOD_BODY.getBytes(StandardCharsets.UTF_8);
        String base = signer.sign(EXAMPLE_KEYS, "vod", TIMESTAMP,
                headers(JSON_UTF8, "vod.intl.tencentcloudapi.com", null), body).signature();
        assertNotEquals(base, signer.sign(EXAMPLE_KEYS, "vod", TIMESTAMP,
                headers("application/json", "vod.intl.tencentcloudapi.com", null), body).signature());
        assertNotEquals(base, signer.sign(EXAMPLE_KEYS, "vod", TIMESTAMP,
                headers(JSON_UTF8, "vod.intl.tencentcloudapi.com:8443", null), body).signature());
        assertNotEquals(base, signer.sign(EXAMPLE_KEYS, "vod", TIMESTAMP + 1,
                headers(JSON_UTF8, "vod.intl.tencentcloudapi.com", null), body).signature());
        assertNotEquals(base, signer.sign(EXAMPLE_KEYS, "vod", TIMESTAMP,
                headers(JSON_UTF8, "vod.intl.tencentcloudapi.com", null), (VOD_BODY + " ").getBytes()).signature());
    }

    @Test
    void refusesToSignWithoutContentTypeAndHost() {
        assertThrows(IllegalArgumentException.class, () -> signer.sign(EXAMPLE_KEYS, "vod", TIMESTAMP,
                Map.of("host", "vod.intl.tencentcloudapi.com"), new byte[0]));
    }

    private static Map<String, String> headers(String contentType, String host, String action) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Host", host);
        if (action != null) {
            headers.put("X-TC-Action", action);
        }
        return headers;
    }
}
