package dev.vodelement.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vodelement.config.ScfConfig;
import dev.vodelement.credentials.CredentialsStartupCheck.Host;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The start-up warning about missing credentials: given where it is due, kept where it would be wrong. */
class CredentialsStartupCheckTest {

    @Test
    void withoutCredentialsOutsideScfItWarnsWithTheVariablesToSet() {
        String warning = CredentialsStartupCheck.warning(false, Host.ELSEWHERE).orElseThrow();
        assertTrue(warning.contains("MissingCredentials"), warning);
        assertTrue(warning.contains("VOD_SECRET_ID"), warning);
    }

    @Test
    void aCustomRuntimeWithoutRoleCredentialsWarnsAboutTheRole() {
        String warning = CredentialsStartupCheck.warning(false, Host.SCF_CUSTOM_RUNTIME).orElseThrow();
        assertTrue(warning.contains("execution role"), warning);
    }

    @Test
    void anImageBasedScfFunctionGetsItsCredentialsPerInvocationSoNothingIsWarned() {
        assertTrue(CredentialsStartupCheck.warning(false, Host.SCF_IMAGE).isEmpty());
    }

    @Test
    void configuredCredentialsNeedNoWarning() {
        for (Host host : Host.values()) {
            assertTrue(CredentialsStartupCheck.warning(true, host).isEmpty(), host.name());
        }
    }

    @Test
    void theHostIsToldFromScfsOwnVariables() {
        assertEquals(Host.SCF_CUSTOM_RUNTIME, CredentialsStartupCheck.hostOf(scf(Map.of("SCF_FUNCTIONNAME", "f",
                "SCF_RUNTIME_API", "9.0.0.1", "SCF_RUNTIME_API_PORT", "9001"))));
        assertEquals(Host.SCF_IMAGE, CredentialsStartupCheck.hostOf(scf(Map.of("SCF_FUNCTIONNAME", "f"))));
        assertEquals(Host.ELSEWHERE, CredentialsStartupCheck.hostOf(scf(Map.of("PATH", "/usr/bin"))));
    }

    private static ScfConfig scf(Map<String, String> environment) {
        return new SmallRyeConfigBuilder().withSources(new EnvConfigSource(environment, 300))
                .withMapping(ScfConfig.class).build().getConfigMapping(ScfConfig.class);
    }
}
