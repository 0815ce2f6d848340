package dev.vodelement.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code vod.invocation.*}: the life of one invocation as SCF grants it. Every key is also an
 * environment variable ({@code vod.invocation.timeout} is {@code VOD_INVOCATION_TIMEOUT}).
 */
@ConfigMapping(prefix = "vod.invocation")
public interface InvocationConfig {

    /**
     * The function's timeout: SCF kills an invocation that runs longer. Default 30 s, which must equal
     * {@code timeout} in serverless.yml (ServerlessYmlTest checks); change both together. A manifest's
     * lock expires this long (plus {@code vod.cos.lock-grace}) after it was taken, since by then its
     * holder is certainly dead.
     */
    @WithDefault("30s")
    Duration timeout();
}
