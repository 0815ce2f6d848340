package dev.vodelement.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * {@code vod.crash-test.*}: TEST ONLY, never set in a deployment. Lets the crash tests stop an upload
 * at a known step so that they can kill the process exactly there (deploy/UploadCrashIT).
 */
@ConfigMapping(prefix = "vod.crash-test")
public interface CrashTestConfig {

    /**
     * Unset by default (no effect). Set to a step of the upload flow ({@code locked},
     * {@code vod-answered}, {@code result-written}, {@code stashed}, {@code error-written}), the
     * invocation that reaches it prints {@code CRASH-TEST paused at <step>} on stdout and blocks
     * for ever, waiting to be killed.
     */
    Optional<String> pauseAt();
}
