package dev.vodelement.deploy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;

import dev.vodelement.element.ElementRequest;

/** A Jandex index of the compiled main classes, for tests that check what the code declares. */
public final class MainClassIndex {

    private MainClassIndex() {
    }

    public static Index build() throws IOException, URISyntaxException {
        Path classes = Path.of(ElementRequest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Indexer indexer = new Indexer();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path file : files) {
            try (var in = Files.newInputStream(file)) {
                indexer.index(in);
            }
        }
        return indexer.complete();
    }
}
