package dev.vodelement.image.inspect;

import dev.vodelement.config.ImageCheckConfig;

/** The per-image limits of {@link ImageCheckConfig} that the probe needs, as plain values. */
record ProbeLimits(int maxRedirects, long maxBytesPerImage, int firstRangeBytes, int maxRequestsPerImage) {

    static ProbeLimits of(ImageCheckConfig config) {
        return new ProbeLimits(config.maxRedirects(), config.maxBytesPerImage(), config.firstRangeBytes(),
                config.maxRequestsPerImage());
    }
}
