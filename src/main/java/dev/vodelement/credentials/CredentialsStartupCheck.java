package dev.vodelement.credentials;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.vodelement.config.ScfConfig;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Says at start-up, once, when a deployed function has no credentials, instead of leaving the
 * first caller to find out through {@code 500 MissingCredentials}. The function still starts:
 * validations need no credentials. Where credentials legitimately arrive only with each
 * invocation (an image-based SCF function gets them in {@code X-Scf-*} headers), there is nothing
 * to warn about yet.
 */
@ApplicationScoped
public class CredentialsStartupCheck {

    private static final Logger LOG = Logger.getLogger(CredentialsStartupCheck.class);

    /** Where the function runs, as far as credentials are concerned. */
    enum Host {
        /** Not on SCF: only VOD_SECRET_* / TENCENTCLOUD_* can give credentials. */
        ELSEWHERE,
        /** An SCF Custom Runtime: the execution role's credentials come as TENCENTCLOUD_* variables only. */
        SCF_CUSTOM_RUNTIME,
        /** SCF, HTTP entry (image-based): credentials may come with each invocation in X-Scf-* headers. */
        SCF_IMAGE
    }

    void onStart(@Observes StartupEvent event, CredentialsResolver credentials, ScfConfig scf) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return; // dev mode has the simulator's credentials; tests set their own
        }
        warning(credentials.configured().isPresent(), hostOf(scf)).ifPresent(LOG::warn);
    }

    static Host hostOf(ScfConfig scf) {
        if (scf.runtimeApi().isPresent() && scf.runtimeApiPort().isPresent()) {
            return Host.SCF_CUSTOM_RUNTIME;
        }
        return scf.functionName().filter(name -> !name.isBlank()).isPresent() ? Host.SCF_IMAGE : Host.ELSEWHERE;
    }

    /** The warning to log at start-up, if any. */
    static Optional<String> warning(boolean configured, Host host) {
        if (configured || host == Host.SCF_IMAGE) {
            return Optional.empty();
        }
        String remedy = host == Host.SCF_CUSTOM_RUNTIME
                ? "give the function an execution role (SCF then sets TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY"
                        + " and TENCENTCLOUD_SESSIONTOKEN)"
                : "set VOD_SECRET_ID and VOD_SECRET_KEY, or run on SCF with an execution role";
        return Optional.of("no Tencent Cloud credentials found: createElement and uploads will answer 500"
                + " MissingCredentials (validateElement works); " + remedy);
    }
}
