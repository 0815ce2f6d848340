package dev.vodelement.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import dev.vodelement.lock.ManifestLock;

/**
 * The defaults the mappings document (and the README's configuration table repeats) are the ones
 * a function gets when nothing is set, and each key is settable from its environment variable.
 */
class ConfigDefaultsTest {

    @Test
    void imageChecksDefaults() {
        ImageCheckConfig images = mapping(ImageCheckConfig.class, Map.of());

        assertFalse(images.allowPrivateNetworks());
        assertEquals(Duration.ofSeconds(2), images.connectTimeout());
        assertEquals(Duration.ofSeconds(3), images.readTimeout());
        assertEquals(Duration.ofSeconds(5), images.deadline());
        assertEquals(5, images.maxRedirects());
        assertEquals(10_485_761L, images.maxBytesPerImage());
        assertEquals(12_288, images.firstRangeBytes());
        assertEquals(8, images.maxRequestsPerImage());
        assertEquals(16, images.concurrency());
    }

    @Test
    void cosDefaults() {
        CosConfig cos = mapping(CosConfig.class, Map.of());

        assertEquals(List.of(".myqcloud.com", ".tencentcos.cn", ".tencentcos.com"), cos.allowedHostSuffixes());
        assertTrue(cos.forceHttps());
        assertEquals(Duration.ofHours(1), cos.presignValidity());
        assertEquals(Duration.ofSeconds(5), cos.lockGrace());
        assertEquals(Duration.ofSeconds(10), cos.lockWait());
        assertEquals(3, cos.maxAttempts());
        assertTrue(cos.endpointOverride().isEmpty(), "only dev mode sends COS requests to its bucket simulator");
    }

    @Test
    void aLockLastsAsLongAsItsHolderCanLiveAndAGrace() {
        InvocationConfig invocation = mapping(InvocationConfig.class, Map.of());

        assertEquals(Duration.ofSeconds(30), invocation.timeout());
        assertEquals(Duration.ofSeconds(35), dev.vodelement.lock.ManifestLock.lifetime(invocation,
                mapping(CosConfig.class, Map.of())));
        assertEquals(Duration.ofSeconds(12), mapping(InvocationConfig.class, Map.of("VOD_INVOCATION_TIMEOUT", "12s"))
                .timeout(), "VOD_INVOCATION_TIMEOUT sets vod.invocation.timeout");
    }

    @Test
    void idempotencyHasNoStoreByDefault() {
        IdempotencyConfig idempotency = mapping(IdempotencyConfig.class, Map.of());

        assertTrue(idempotency.endpoint().isEmpty(), "no store unless configured: a key is then refused");
        assertEquals("idempotency/", idempotency.prefix());
        assertEquals(Duration.ofHours(24), idempotency.retention());
        assertEquals("https://b-1250000000.cos.ap-guangzhou.myqcloud.com", mapping(IdempotencyConfig.class,
                Map.of("VOD_IDEMPOTENCY_ENDPOINT", "https://b-1250000000.cos.ap-guangzhou.myqcloud.com"))
                .endpoint().orElseThrow(), "VOD_IDEMPOTENCY_ENDPOINT sets vod.idempotency.endpoint");
    }

    @Test
    void crashTestHookIsOffByDefault() {
        assertTrue(mapping(CrashTestConfig.class, Map.of()).pauseAt().isEmpty());
    }

    @Test
    void vodDefaultsAndEnvironmentVariables() {
        VodConfig vod = mapping(VodConfig.class, Map.of("VOD_ENDPOINT", "https://vod.intl.tencentcloudapi.com",
                "VOD_RETRY_MAX_ATTEMPTS", "4"));

        assertEquals("https://vod.intl.tencentcloudapi.com", vod.endpoint());
        assertTrue(vod.region().isEmpty(), "no X-TC-Region unless configured");
        assertEquals("en-US", vod.language());
        assertEquals(4, vod.retry().maxAttempts(), "VOD_RETRY_MAX_ATTEMPTS sets vod.retry.max-attempts");
        assertEquals(Duration.ofMillis(250), vod.retry().initialBackoff());
        assertEquals(Duration.ofSeconds(2), vod.retry().maxBackoff());
        assertEquals(Duration.ofSeconds(20), vod.retry().budget());
        assertEquals(Duration.ofSeconds(5), vod.retry().retryAfter());
        assertEquals(Duration.ofMillis(500), vod.minCallInterval(), "what serverless.yml's concurrency cap rests on");
    }

    private static <T> T mapping(Class<T> type, Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300))
                .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus' "5s" form
                .withMapping(type)
                .build();
        return config.getConfigMapping(type);
    }
}
