package dev.vodelement.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code vod.idempotency.*}: the store behind the {@code Idempotency-Key} header of
 * {@code POST /createElement} (and of the function URL and API Gateway events routed to it): a COS
 * bucket where each key's record (the ElementId and RequestId it created, with a fingerprint of the
 * request) and its lock objects live. Requests to it are signed with the function's own credentials
 * (the execution role's on SCF), as uploads are, and follow {@code vod.cos.*} for timeouts, retries
 * and the allowed hosts. Without {@link #endpoint()} there is no store, and a request carrying the
 * header is refused ({@code 400 UnsupportedOperation.IdempotencyKey}) rather than served without the
 * guarantee it asked for. Every key is also an environment variable ({@code vod.idempotency.endpoint}
 * is {@code VOD_IDEMPOTENCY_ENDPOINT}). Docs: README "Idempotency keys", docs/events.md "Idempotency
 * keys of HTTP callers".
 */
@ConfigMapping(prefix = "vod.idempotency")
public interface IdempotencyConfig {

    /**
     * The bucket's base URL, e.g. {@code https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com}
     * (scheme, host and, for dev mode's simulator, a path). Unset by default: no store. Its host must
     * be allowed by {@code vod.cos.allowed-host-suffixes}, and it must be https except on a loopback
     * host (signed requests carry the role's session token); otherwise a request with a key is
     * answered {@code 500 InvalidIdempotencyStore}. Dev mode points it at its bucket simulator.
     */
    Optional<String> endpoint();

    /**
     * Where in the bucket records live: each key's objects are {@code <prefix><64 hex digits>.json}
     * and {@code .lock}, {@code .lock.2}, ... (the hex digits are a SHA-256 of the key's scope and the
     * key, never the key itself). Default {@code idempotency/}. Give each function its own prefix (or
     * bucket): the prefix is part of a key's scope. A COS lifecycle rule on this prefix deletes old
     * records (docs/events.md).
     */
    @WithDefault("idempotency/")
    String prefix();

    /**
     * How long a record answers repeats of its key. Default 24 h. An older record is treated as absent
     * (a repeat then creates a new element and a new record), so leftovers that the bucket's lifecycle
     * rule has not deleted yet never refuse anything. The lifecycle rule should delete records some
     * time after this, e.g. after 2 days for the default.
     */
    @WithDefault("24h")
    Duration retention();
}
