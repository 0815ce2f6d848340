package dev.vodelement.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** samples/create-element.json, its images moved from dev mode's host to a stand-in's. */
final class SampleRequests {

    private SampleRequests() {
    }

    /** The sample request with its images under {@code imageBase} (e.g. {@code server.url("/")}). */
    static String createElement(String imageBase) {
        try {
            return Files.readString(Path.of("samples/create-element.json"))
                    .replace("http://localhost:8080/dev/images/", imageBase);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
