package dev.vodelement.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.vodelement.element.ElementRequest;
import dev.vodelement.standin.ImageSamples;

/**
 * Main code stays clear of what a native executable cannot carry or a static musl executable cannot
 * load: AWT and ImageIO (native libraries, headless trouble) and java.beans. Every reference to a
 * class is in the constant pool of the class file that makes it, so the compiled classes are read
 * as bytes: a lambda or a fully qualified name cannot slip past as it could past a source grep.
 */
class NativeSafetyTest {

    private static final List<String> FORBIDDEN = List.of("java/awt/", "javax/imageio/", "java/beans/");

    @Test
    void mainCodeReferencesNoAwtImageIoOrBeans() throws Exception {
        Path classes = location(ElementRequest.class);
        Map<String, String> found = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
                forbiddenReference(file).ifPresent(ref -> found.put(classes.relativize(file).toString(), ref));
            }
        }
        assertEquals(Map.of(), found, "main code must not use these packages (native executable)");
    }

    @Test
    void theScanSeesAnImageIoReferenceWhereThereIsOne() throws Exception {
        // Test code may use ImageIO as an oracle; ImageSamples does, so the scan must flag it.
        Path file = location(ImageSamples.class).resolve(ImageSamples.class.getName().replace('.', '/') + ".class");
        assertTrue(forbiddenReference(file).isPresent(), "the scan missed ImageSamples' use of ImageIO");
    }

    private static java.util.Optional<String> forbiddenReference(Path classFile) throws IOException {
        String text = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
        return FORBIDDEN.stream().filter(text::contains).findFirst();
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
