package dev.vodelement.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code vod.invocation.*}: the time one invocation has, from which every step draws (see
 * {@link dev.vodelement.invocation.InvocationDeadline}). Every key is also an environment variable
 * ({@code vod.invocation.timeout} is {@code VOD_INVOCATION_TIMEOUT}).
 */
@ConfigMapping(prefix = "vod.invocation")
public interface InvocationConfig {

    /**
     * The function's timeout: SCF kills an invocation that runs longer. Default 30 s, which must equal
     * {@code timeout} in serverless.yml (ServerlessYmlTest checks); change both together. When SCF
     * tells an invocation how much time it has left (the Custom Runtime's {@code Time_Limit_In_Ms}),
     * the smaller of the two is used. A manifest's lock expires this long (plus
     * {@code vod.cos.lock-grace}) after it was taken, since by then its holder is certainly dead.
     */
    @WithDefault("30s")
    Duration timeout();

    /**
     * Kept at the end of every invocation for recording its outcome (the result object, the
     * ElementId stashed in the lock): no step starts that could eat into it.
     */
    @WithDefault("3s")
    Duration recordReserve();
}
