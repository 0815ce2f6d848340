package dev.vodelement.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The runtime API is found from SCF's own variable names, as SCF sets them. */
class ScfConfigTest {

    @Test
    void scfsEnvironmentVariablesFillTheMapping() {
        ScfConfig scf = configFrom(Map.of("SCF_RUNTIME_API", "9.134.1.2", "SCF_RUNTIME_API_PORT", "9001",
                "SCF_FUNCTIONNAME", "vod-element"));

        assertEquals(Optional.of("9.134.1.2"), scf.runtimeApi());
        assertEquals(Optional.of(9001), scf.runtimeApiPort());
    }

    @Test
    void outsideScfBothAreAbsent() {
        ScfConfig scf = configFrom(Map.of("PATH", "/usr/bin"));

        assertTrue(scf.runtimeApi().isEmpty());
        assertTrue(scf.runtimeApiPort().isEmpty());
    }

    private static ScfConfig configFrom(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300))
                .withMapping(ScfConfig.class)
                .build();
        return config.getConfigMapping(ScfConfig.class);
    }
}
