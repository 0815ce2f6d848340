package dev.vodelement.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code vod.*}: where and how VOD is called. Every key is also an environment variable
 * ({@code vod.secret-id} is {@code VOD_SECRET_ID}). Defaults that depend on SCF's environment
 * ({@code TENCENTCLOUD_*}) are wired in {@code application.properties}.
 */
@ConfigMapping(prefix = "vod")
public interface VodConfig {

    /**
     * Base URL of the VOD API, default {@code https://vod.intl.tencentcloudapi.com} (set in
     * application.properties, which also points the REST client at it). Requests are signed for
     * service {@code vod} whatever host this names.
     */
    String endpoint();

    /** Sent as {@code X-TC-Region} when set; the API does not need one. */
    Optional<String> region();

    /** Default {@code TENCENTCLOUD_SECRETID}, the SCF execution role's temporary SecretId. */
    Optional<String> secretId();

    /** Default {@code TENCENTCLOUD_SECRETKEY}. Never logged. */
    Optional<String> secretKey();

    /** Default {@code TENCENTCLOUD_SESSIONTOKEN}; sent as {@code X-TC-Token}. Never logged. */
    Optional<String> sessionToken();

    /** Sent as {@code X-TC-Language} so that VOD's error messages come in this language. */
    @WithDefault("en-US")
    String language();

    /**
     * Least time between two calls to VOD from one instance, retries included (default 500 ms).
     * With serverless.yml's concurrency cap of 10 it keeps the function under VOD's 20 requests per
     * second: cap x (1 s / this) must not exceed 20. 0 turns the pacing off.
     */
    @WithDefault("500ms")
    Duration minCallInterval();

    Retry retry();

    /** Retries of rate-limited, unavailable or unreachable calls, with exponential backoff and jitter. */
    interface Retry {

        /** Calls at most, the first one included. */
        @WithDefault("3")
        int maxAttempts();

        /** Backoff before the second call; doubles each time, with up to 50% jitter. */
        @WithDefault("250ms")
        Duration initialBackoff();

        /** Longest single backoff. */
        @WithDefault("2s")
        Duration maxBackoff();

        /**
         * No new call starts once this much time has passed since the first: keeps the whole VOD
         * exchange, read timeouts included, inside a function's timeout.
         */
        @WithDefault("20s")
        Duration budget();

        /** The Retry-After a caller is given when VOD stays rate-limited or unavailable. */
        @WithDefault("5s")
        Duration retryAfter();
    }
}
