package dev.vodelement.idempotency;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whose keys a key is compared with. Every key lives in the store of one function (its bucket and
 * {@code vod.idempotency.prefix}); within it, a key is also scoped by the caller's identity wherever
 * the function is told one it can trust and that stays the same from one request to the next:
 * <ul>
 * <li>the bearer token that admitted the call, when the function demands tokens
 * ({@code vod.caller-check.tokens}: one token per caller);</li>
 * <li>an API Gateway event's {@code requestContext.identity.secretId} (the gateway's key pair of the
 * caller's app).</li>
 * </ul>
 * A function URL with CAM authentication tells the function nothing stable about the caller (the
 * event carries no identity, and a TC3 {@code Authorization} header changes with every request), so
 * its callers share the function's scope. Only digests of these values ever reach the store.
 */
public record KeyScope(List<String> parts) {

    /** No caller identity known: the function's scope alone. */
    public static final KeyScope FUNCTION = new KeyScope(List.of());

    public KeyScope {
        parts = List.copyOf(parts);
    }

    /**
     * @param bearerToken the token that admitted the call, present only when the function demands tokens
     * @param apiGatewaySecretId an API Gateway event's {@code requestContext.identity.secretId}
     */
    public static KeyScope of(Optional<String> bearerToken, Optional<String> apiGatewaySecretId) {
        List<String> parts = new ArrayList<>(2);
        bearerToken.filter(t -> !t.isBlank()).ifPresent(t -> parts.add("bearer:" + Sha256.hex(t.strip())));
        apiGatewaySecretId.filter(s -> !s.isBlank()).ifPresent(s -> parts.add("apigw-secret-id:" + Sha256.hex(s)));
        return new KeyScope(parts);
    }
}
