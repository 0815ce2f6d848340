package dev.vodelement.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code vod.invocation.*}: the time one invocation has, from which every step draws (see
 * {@link dev.vodelement.invocation.InvocationDeadline}). Every key is also an environment variable
 * ({@code VOD_INVOCATION_TIMEOUT}).
 */
@ConfigMapping(prefix = "vod.invocation")
public interface InvocationConfig {

    /**
     * The function's timeout: must equal {@code timeout} in serverless.yml (ServerlessYmlTest checks
     * that they agree). When SCF tells an invocation how much time it has left (the Custom Runtime's
     * {@code Time_Limit_In_Ms}), the smaller of the two is used.
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
