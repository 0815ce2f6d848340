package dev.vodelement.image.inspect;

import java.time.Duration;

import dev.vodelement.config.ImageCheckConfig;

/** {@link ImageCheckConfig} with the documented defaults, changed one value at a time, for tests and the benchmark. */
public record TestImageCheckConfig(boolean allowPrivateNetworks, Duration connectTimeout, Duration readTimeout,
        Duration deadline, int maxRedirects, long maxBytesPerImage, int firstRangeBytes, int maxRequestsPerImage,
        int concurrency) implements ImageCheckConfig {

    /** The defaults, with loopback allowed (the stand-in servers live there). */
    public static TestImageCheckConfig onLoopback() {
        return new TestImageCheckConfig(true, Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5), 5,
                10_485_761L, 12_288, 8, 16);
    }

    public TestImageCheckConfig withDeadline(Duration value) {
        return new TestImageCheckConfig(allowPrivateNetworks, connectTimeout, readTimeout, value, maxRedirects,
                maxBytesPerImage, firstRangeBytes, maxRequestsPerImage, concurrency);
    }

    public TestImageCheckConfig withReadTimeout(Duration value) {
        return new TestImageCheckConfig(allowPrivateNetworks, connectTimeout, value, deadline, maxRedirects,
                maxBytesPerImage, firstRangeBytes, maxRequestsPerImage, concurrency);
    }

    public TestImageCheckConfig withMaxBytesPerImage(long value) {
        return new TestImageCheckConfig(allowPrivateNetworks, connectTimeout, readTimeout, deadline, maxRedirects,
                value, firstRangeBytes, maxRequestsPerImage, concurrency);
    }

    public TestImageCheckConfig withFirstRangeBytes(int value) {
        return new TestImageCheckConfig(allowPrivateNetworks, connectTimeout, readTimeout, deadline, maxRedirects,
                maxBytesPerImage, value, maxRequestsPerImage, concurrency);
    }

    public TestImageCheckConfig withPrivateNetworksAllowed(boolean value) {
        return new TestImageCheckConfig(value, connectTimeout, readTimeout, deadline, maxRedirects, maxBytesPerImage,
                firstRangeBytes, maxRequestsPerImage, concurrency);
    }

    public TestImageCheckConfig withConcurrency(int value) {
        return new TestImageCheckConfig(allowPrivateNetworks, connectTimeout, readTimeout, deadline, maxRedirects,
                maxBytesPerImage, firstRangeBytes, maxRequestsPerImage, value);
    }
}
