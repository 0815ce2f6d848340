package dev.vodelement.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * The SCF Custom Runtime API that SCF announces in the environment of a Custom Runtime function:
 * {@code scf.runtime-api} is the variable {@code SCF_RUNTIME_API} (a host name), and
 * {@code scf.runtime-api-port} is {@code SCF_RUNTIME_API_PORT}. With both set, the function
 * serves events from that API (see {@code dev.vodelement.scf.runtime.CustomRuntimeLoop}); no default.
 */
@ConfigMapping(prefix = "scf")
public interface ScfConfig {

    /** {@code SCF_RUNTIME_API}: the host of the runtime API. */
    Optional<String> runtimeApi();

    /** {@code SCF_RUNTIME_API_PORT}: its port. */
    Optional<Integer> runtimeApiPort();

    /**
     * {@code SCF_FUNCTIONNAME}: set by SCF in every function's environment; its presence tells that
     * the function runs on SCF (where an image-based function gets its credentials per invocation).
     */
    @WithName("functionname")
    Optional<String> functionName();
}
