package dev.vodelement.vod;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Signs each VOD request with TC3-HMAC-SHA256 just before it is sent, from the values that go on
 * the wire: the serialized body, the {@code Content-Type} set here, and the {@code Host} derived
 * from the request URI exactly as the HTTP client writes it (the port kept when not the default).
 * Registered on {@link VodApi} only. Each retry passes through again, so it gets a fresh timestamp.
 */
public class Tc3SigningFilter implements ClientRequestFilter {

    /** The service in the credential scope: "vod", whatever host the endpoint names. */
    public static final String SERVICE = "vod";
    static final String CONTENT_TYPE = "application/json";
    private static final String PARAMETERS_PROPERTY = "io.quarkus.rest.client.invokedMethodParameters";

    private final Tc3Signer signer = new Tc3Signer();
    private final Clock clock = Clock.systemUTC();

    @Override
    public void filter(ClientRequestContext request) {
        SigningContext signing = signingContext(request);
        String body = request.getEntity() instanceof String s ? s : "";
        String host = hostHeader(request.getUri());
        String action = request.getHeaderString("X-TC-Action");
        long timestamp = clock.instant().getEpochSecond();

        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("content-type", CONTENT_TYPE);
        signed.put("host", host);
        signed.put("x-tc-action", action);
        Tc3Signer.Signed signature = signer.sign(signing.credentials(), SERVICE, timestamp, signed,
                body.getBytes(StandardCharsets.UTF_8));

        var headers = request.getHeaders();
        headers.putSingle(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE);
        headers.putSingle("X-TC-Timestamp", Long.toString(timestamp));
        headers.putSingle("X-TC-Language", signing.language());
        signing.region().ifPresent(region -> headers.putSingle("X-TC-Region", region));
        signing.credentials().token().ifPresent(token -> headers.putSingle("X-TC-Token", token));
        headers.putSingle(HttpHeaders.AUTHORIZATION, signature.authorization());
    }

    /** The Host header value an HTTP/1.1 client sends for this URI. */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1
                || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443)
                || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    private static SigningContext signingContext(ClientRequestContext request) {
        if (request.getProperty(PARAMETERS_PROPERTY) instanceof List<?> parameters) {
            for (Object parameter : parameters) {
                if (parameter instanceof SigningContext context) {
                    return context;
                }
            }
        }
        throw new IllegalStateException("VodApi call without a SigningContext parameter");
    }
}
