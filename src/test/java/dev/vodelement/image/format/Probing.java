package dev.vodelement.image.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import dev.vodelement.image.ImageRejected;

/** Probes a whole file held in memory and compares the answer with the JDK's readers; for every format's tests. */
public final class Probing {

    private Probing() {
    }

    public static ProbedImage probe(byte[] bytes) throws IOException {
        return HeaderProber.probe(new ByteArrayInputStream(bytes));
    }

    public static void assertRejected(byte[] bytes, String expected) {
        ImageRejected rejected = assertThrows(ImageRejected.class, () -> probe(bytes));
        assertTrue(rejected.problem().contains(expected), rejected.problem());
    }

    /** JDK ImageIO reads the header without decoding: an independent second opinion. */
    public static void assertOracle(byte[] bytes, ProbedImage probed) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            assertTrue(readers.hasNext(), "ImageIO recognises the file");
            ImageReader reader = readers.next();
            reader.setInput(in);
            assertEquals(reader.getFormatName().toUpperCase().replace("JPG", "JPEG"), probed.format().displayName());
            assertEquals(reader.getWidth(0), probed.width(), "width");
            assertEquals(reader.getHeight(0), probed.height(), "height");
            BufferedImage decoded = reader.read(0);
            assertEquals(decoded.getWidth(), probed.width(), "the file decodes at that width");
            reader.dispose();
        }
    }
}
