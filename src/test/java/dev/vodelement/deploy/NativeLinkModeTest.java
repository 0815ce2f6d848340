package dev.vodelement.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The native build's link mode, as Quarkus resolves it from application.properties and the -D options
 * of ./mvnw package -Dnative: one property, {@code native.link} (static | dynamic), static by default in
 * a container build (what SCF needs), dynamic by default with a local GraalVM/Mandrel. The real
 * native-image command line is checked the same way by docs/deploy.md's native-sources command.
 */
class NativeLinkModeTest {

    private static final List<String> STATIC = List.of("--static", "--libc=musl", "-Os");
    private static final List<String> DYNAMIC = List.of("-Os");

    @Test
    void aLocalBuildIsDynamicByDefault() throws IOException {
        assertEquals(DYNAMIC, buildArgs(Map.of()));
        assertEquals(DYNAMIC, buildArgs(Map.of("quarkus.native.container-build", "false")));
    }

    @Test
    void aContainerBuildIsStaticMuslByDefault() throws IOException {
        assertEquals(STATIC, buildArgs(Map.of("quarkus.native.container-build", "true")));
        assertEquals(STATIC, buildArgs(Map.of("quarkus.native.remote-container-build", "true")));
    }

    @Test
    void nativeLinkAloneChoosesEitherWay() throws IOException {
        assertEquals(STATIC, buildArgs(Map.of("native.link", "static")));
        assertEquals(DYNAMIC, buildArgs(Map.of("native.link", "dynamic", "quarkus.native.container-build", "true")));
    }

    @Test
    void anUnknownLinkModeHandsNativeImageAnOptionItRefuses() throws IOException {
        // Quarkus would read an unexpandable list as unset and silently build without -Os or --static
        assertEquals(List.of("-H:NativeLinkMustBeStaticOrDynamic"), buildArgs(Map.of("native.link", "musl")));
    }

    @Test
    void theSettingsScfNeedsStayWhateverTheLinkMode() throws IOException {
        for (String mode : List.of("static", "dynamic")) {
            SmallRyeConfig config = config(Map.of("native.link", mode));
            assertEquals("compatibility", config.getValue("quarkus.native.march", String.class));
            assertEquals(true, config.getValue("quarkus.ssl.native", Boolean.class));
            assertEquals("ghcr.io/graalvm/native-image-community:25-muslib-ol9",
                    config.getValue("quarkus.native.builder-image", String.class));
        }
    }

    private static List<String> buildArgs(Map<String, String> commandLine) throws IOException {
        return config(commandLine).getValues("quarkus.native.additional-build-args", String.class);
    }

    /** application.properties under -D options (system properties outrank it, as in Quarkus' build). */
    private static SmallRyeConfig config(Map<String, String> commandLine) throws IOException {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(
                        Path.of("src/main/resources/application.properties").toUri().toURL(), 250))
                .withSources(new PropertiesConfigSource(commandLine, "command line", 400))
                .build();
    }
}
