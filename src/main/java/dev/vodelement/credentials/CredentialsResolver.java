package dev.vodelement.credentials;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vodelement.config.VodConfig;
import dev.vodelement.failure.FunctionFailure;

/**
 * Picks the credentials of one invocation: those handed in by the platform for this invocation
 * (SCF's {@code X-Scf-*} headers) first, then the configured ones ({@code VOD_SECRET_*}, falling
 * back to the execution role's {@code TENCENTCLOUD_*}). Missing credentials are a configuration
 * error reported on the call, not at start-up, so that the function can still answer validations.
 */
@ApplicationScoped
public class CredentialsResolver {

    private final VodConfig config;

    public CredentialsResolver(VodConfig config) {
        this.config = config;
    }

    public TencentCredentials resolve(Optional<TencentCredentials> perInvocation) {
        return perInvocation.or(this::configured).orElseThrow(() -> FunctionFailure.misconfigured(
                "MissingCredentials",
                "no Tencent Cloud credentials: set VOD_SECRET_ID and VOD_SECRET_KEY, or run on SCF with an execution role"));
    }

    /** The configured credentials, if both a SecretId and a SecretKey are set. */
    public Optional<TencentCredentials> configured() {
        Optional<String> id = config.secretId().filter(s -> !s.isBlank());
        Optional<String> key = config.secretKey().filter(s -> !s.isBlank());
        if (id.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TencentCredentials(id.get(), key.get(), config.sessionToken().orElse(null)));
    }
}
