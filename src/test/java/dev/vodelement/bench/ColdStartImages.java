package dev.vodelement.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.vodelement.standin.ImageSamples;
import dev.vodelement.standin.ImageServer;

/**
 * The repository's sample images (samples/images, those of samples/create-element.json) on the
 * shared image host, each at /<file name>, so that the sample request points at them once its
 * dev-mode base URL is replaced by {@code server.url("/")}.
 */
public final class ColdStartImages {

    private ColdStartImages() {
    }

    public static ImageServer serveSamples(ImageServer server) {
        try (var files = Files.list(ImageSamples.SAMPLES)) {
            for (Path file : files.toList()) {
                server.serve("/" + file.getFileName(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }
}
