package dev.vodelement.vod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.junit.jupiter.api.Test;

import dev.vodelement.credentials.TencentCredentials;

/** The filter in isolation: which headers it sets, and that it signs exactly those values. */
class Tc3SigningFilterTest {

    private static final String BODY = "{\"ElementName\":\"n\"}";

    @Test
    void temporaryCredentialsRegionAndLanguage() {
        TencentCredentials credentials = new TencentCredentials("AKIDtemp", "tempKey", "session-token");
        MultivaluedMap<String, Object> headers = filter("https://vod.intl.tencentcloudapi.com/",
                new SigningContext(credentials, Optional.of("ap-singapore"), "zh-CN"));

        assertEquals("session-token", headers.getFirst("X-TC-Token"));
        assertEquals("ap-singapore", headers.getFirst("X-TC-Region"));
        assertEquals("zh-CN", headers.getFirst("X-TC-Language"));
        assertEquals("application/json", headers.getFirst("Content-Type"));
        String authorization = (String) headers.getFirst("Authorization");
        long timestamp = Long.parseLong((String) headers.getFirst("X-TC-Timestamp"));

        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("content-type", "application/json");
        signed.put("host", "vod.intl.tencentcloudapi.com");
        signed.put("x-tc-action", "CreateAigcCustomElement");
        String expected = new Tc3Signer().sign(credentials, "vod", timestamp, signed,
                BODY.getBytes(StandardCharsets.UTF_8)).authorization();
        assertEquals(expected, authorization);
        assertFalse(authorization.contains("tempKey"));
    }

    @Test
    void permanentCredentialsSendNoTokenAndNoRegion() {
        MultivaluedMap<String, Object> headers = filter("https://vod.intl.tencentcloudapi.com",
                new SigningContext(new TencentCredentials("AKID", "key", null), Optional.empty(), "en-US"));
        assertFalse(headers.containsKey("X-TC-Token"));
        assertFalse(headers.containsKey("X-TC-Region"));
    }

    @Test
    void scopeIsVodWhateverTheHost() {
        MultivaluedMap<String, Object> headers = filter("http://127.0.0.1:8089/",
                new SigningContext(new TencentCredentials("AKID", "key", null), Optional.empty(), "en-US"));
        assertTrue(((String) headers.getFirst("Authorization")).contains("/vod/tc3_request"));
    }

    @Test
    void hostHeaderKeepsOnlyNonDefaultPorts() {
        assertEquals("vod.intl.tencentcloudapi.com",
                Tc3SigningFilter.hostHeader(URI.create("https://vod.intl.tencentcloudapi.com/")));
        assertEquals("vod.intl.tencentcloudapi.com",
                Tc3SigningFilter.hostHeader(URI.create("https://vod.intl.tencentcloudapi.com:443/")));
        assertEquals("localhost:8443", Tc3SigningFilter.hostHeader(URI.create("https://localhost:8443/")));
        assertEquals("127.0.0.1", Tc3SigningFilter.hostHeader(URI.create("http://127.0.0.1:80/")));
        assertEquals("127.0.0.1:443", Tc3SigningFilter.hostHeader(URI.create("http://127.0.0.1:443/")));
    }

    private static MultivaluedMap<String, Object> filter(String uri, SigningContext signing) {
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        headers.putSingle("X-TC-Action", "CreateAigcCustomElement");
        ClientRequestContext request = mock(ClientRequestContext.class);
        when(request.getUri()).thenReturn(URI.create(uri));
        when(request.getEntity()).thenReturn(BODY);
        when(request.getHeaders()).thenReturn(headers);
        when(request.getHeaderString("X-TC-Action")).thenReturn("CreateAigcCustomElement");
        when(request.getProperty("io.quarkus.rest.client.invokedMethodParameters"))
                .thenReturn(List.of("CreateAigcCustomElement", "2018-07-17", signing, BODY));
        new Tc3SigningFilter().filter(request);
        return headers;
    }
}
