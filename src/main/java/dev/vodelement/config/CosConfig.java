package dev.vodelement.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code vod.cos.*}: how upload events reach COS (manifest reads, outcome and lock objects,
 * pre-signed image URLs). COS requests are signed with the same credentials as the VOD call.
 * Every key is also an environment variable ({@code vod.cos.presign-validity} is
 * {@code VOD_COS_PRESIGN_VALIDITY}).
 */
@ConfigMapping(prefix = "vod.cos")
public interface CosConfig {

    /**
     * Hosts the function may send signed COS requests to, and hand pre-signed URLs for, as
     * comma-separated suffixes; default {@code .myqcloud.com,.tencentcos.cn,.tencentcos.com}. An
     * entry with a leading dot matches any host ending with it; one without matches that host
     * exactly. An event naming another host (a forged event posted to {@code /event-invoke}) is
     * rejected before any request is sent.
     */
    @WithDefault(".myqcloud.com,.tencentcos.cn,.tencentcos.com")
    List<String> allowedHostSuffixes();

    /**
     * Talk to COS over https even when the event's {@code cosObject.url} says http (COS trigger
     * events do), so that signed requests and pre-signed URLs never travel in clear. Default
     * {@code true}; the tests turn it off for their loopback stand-in.
     */
    @WithDefault("true")
    boolean forceHttps();

    /**
     * How long the pre-signed GET URLs handed to the image checks and to VOD stay valid. Default
     * one hour; raise it if VOD must read the images later than that.
     */
    @WithDefault("1h")
    Duration presignValidity();

    /**
     * Sends every COS request, and makes every pre-signed URL, for this base URL (scheme, host, port
     * and path) instead of the bucket host the event names; unset by default, and never to be set
     * in production. Dev mode points it at its bucket simulator ({@code /dev/cos}), so that the
     * README's sample COS event works without a cloud account. The event's own host must still be
     * an allowed COS host, and this one too.
     */
    Optional<String> endpointOverride();

    /** Connection timeout of COS requests. Default 3 s. */
    @WithDefault("3s")
    Duration connectTimeout();

    /** Time allowed for a COS answer, per request. Default 10 s. */
    @WithDefault("10s")
    Duration readTimeout();

    /**
     * COS requests at most, the first one included, when COS is unreachable or answers 5xx. Default
     * 3. Whatever this says, no retry starts once two {@link #readTimeout()}s have passed since the
     * first request.
     */
    @WithDefault("3")
    int maxAttempts();

    /**
     * Backoff before the second COS request; doubles each time, with jitter, up to 8 times this.
     * Default 200 ms.
     */
    @WithDefault("200ms")
    Duration initialBackoff();

    /**
     * A manifest's lock expires {@code vod.invocation.timeout} plus this after it was taken: by then
     * SCF has killed its holder if it was still running, and the margin covers clock differences
     * between instances and COS. After that another delivery passes over it. Default 5 s.
     */
    @WithDefault("5s")
    Duration lockGrace();

    /**
     * How long a delivery that finds the manifest locked by another invocation waits for that
     * invocation's result object, or for the lock to expire (it then takes the manifest over), before
     * failing with 503 and a {@code Retry-After} of the time left until the lock expires (so that
     * SCF retries it later). Default 10 s; never longer than the invocation's deadline leaves for
     * work, less a COS request and a poll (1.3 s). SCF's own retries come a minute apart, after the
     * lock has expired: this wait is for concurrent duplicates and re-uploads (docs/events.md).
     */
    @WithDefault("10s")
    Duration lockWait();
}
