package dev.vodelement.image.format;

import static dev.vodelement.image.format.Probing.assertOracle;
import static dev.vodelement.image.format.Probing.assertRejected;
import static dev.vodelement.image.format.Probing.probe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.vodelement.standin.ImageSamples;

class PngAndOtherFormatsProbingTest {

    @Test
    void rgbPngIsDecidedByItsFirst33Bytes() throws IOException {
        byte[] png = ImageSamples.png(800, 600);
        ProbedImage probed = probe(png);
        assertOracle(png, probed);
        assertEquals(33, probed.bytesNeeded(), "signature, IHDR and its CRC");
    }

    @Test
    void paletteSixteenBitAndInterlacedPngsAreAccepted() throws IOException {
        byte[] palette = ImageSamples.png(500, 400, BufferedImage.TYPE_BYTE_INDEXED, false);
        byte[] sixteenBit = ImageSamples.png(400, 500, BufferedImage.TYPE_USHORT_GRAY, false);
        byte[] interlaced = ImageSamples.png(640, 320, BufferedImage.TYPE_INT_ARGB, true);
        assertEquals(3, palette[25], "colour type 3: palette");
        assertEquals(16, sixteenBit[24], "bit depth 16");
        assertEquals(1, interlaced[28], "Adam7 interlace");
        assertOracle(palette, probe(palette));
        assertOracle(sixteenBit, probe(sixteenBit));
        assertOracle(interlaced, probe(interlaced));
    }

    @Test
    void animatedPngKeepsIhdrFirstAndIsAccepted() throws IOException {
        byte[] actl = ByteBuffer.allocate(8).putInt(1).putInt(0).array();
        byte[] apng = ImageSamples.withChunksAfterIhdr(ImageSamples.png(300, 300), ImageSamples.chunk("acTL", actl));
        ProbedImage probed = probe(apng);
        assertOracle(apng, probed);
        assertEquals(300, probed.width());
    }

    @Test
    void bigChunksAfterIhdrAreNeverRead() throws IOException {
        byte[] png = ImageSamples.withChunksAfterIhdr(ImageSamples.png(900, 700), ImageSamples.textChunk(2_000_000));
        ReadCountingStream counting = new ReadCountingStream(new ByteArrayInputStream(png));
        ProbedImage probed = HeaderProber.probe(counting);
        assertOracle(png, probed);
        assertTrue(counting.bytesRead() <= ImageBytes.MAX_PEEK, "read " + counting.bytesRead());
    }

    @Test
    void appleCgbiPngIsRejected() {
        byte[] cgbi = ImageSamples.withChunksBeforeIhdr(ImageSamples.png(400, 400),
                ImageSamples.chunk("CgBI", new byte[] {0x50, 0x00, 0x20, 0x02}));
        assertRejected(cgbi, "CgBI");
    }

    @Test
    void aFirstChunkOtherThanIhdrIsRejected() {
        byte[] png = ImageSamples.withChunksBeforeIhdr(ImageSamples.png(400, 400), ImageSamples.textChunk(20));
        assertRejected(png, "PNG's first chunk is tEXt, not IHDR");
    }

    @Test
    void aCorruptIhdrIsRejected() {
        byte[] png = ImageSamples.png(400, 400);
        png[19] ^= 0x01; // width changed, CRC not
        assertRejected(png, "CRC mismatch");
    }

    @Test
    void invalidIhdrValuesAreRejected() {
        assertRejected(pngWithHeader(0, 400, 8, 2), "invalid size 0 x 400");
        assertRejected(pngWithHeader(400, 400, 16, 3), "colour type 3 with bit depth 16");
        assertRejected(pngWithHeader(400, 400, 8, 5), "colour type 5");
    }

    @Test
    void aPngCutInsideIhdrIsRejected() {
        assertRejected(java.util.Arrays.copyOf(ImageSamples.png(400, 400), 20), "PNG ends after 20 bytes");
    }

    @Test
    void otherImageFormatsAreNamed() throws IOException {
        BufferedImage image = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
        assertRejected(write(image, "gif"), "format is GIF, not JPEG or PNG");
        assertRejected(write(image, "bmp"), "format is BMP, not JPEG or PNG");
        assertRejected(write(image, "tiff"), "format is TIFF, not JPEG or PNG");
        assertRejected(ascii("RIFF\u0024\u0000\u0000\u0000WEBPVP8 "), "format is WEBP, not JPEG or PNG");
        assertRejected(ascii("\u0000\u0000\u0000\u0018ftypheic\u0000\u0000\u0000\u0000"), "format is HEIC");
        assertRejected(ascii("\u0000\u0000\u0000\u001cftypavif\u0000\u0000\u0000\u0000"), "format is AVIF");
        assertRejected(ascii("\u0000\u0000\u0000\u001cftypisom\u0000\u0000\u0000\u0000"), "format is ISO media");
        assertRejected(ascii("%PDF-1.7\n"), "format is PDF");
    }

    @Test
    void markupIsNamedFromItsFirstTag() {
        assertRejected(ascii("\ufeff  <?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
                "format is SVG, not JPEG or PNG");
        assertRejected(ascii("<!DOCTYPE html><html><body>Access denied</body></html>"), "format is HTML");
        assertRejected(ascii("<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code></Error>"), "format is XML");
    }

    @Test
    void unknownBytesAndEmptyFilesAreRejectedWithWhatWasFound() {
        assertRejected(new byte[] {0x01, 0x02, 0x03, 0x04, 0x05}, "format is not recognised (first bytes 01 02 03 04 05)");
        assertRejected(new byte[0], "image is empty (0 bytes)");
    }

    @Test
    void theFormatComesFromTheBytesNotFromAPngLookalike() {
        assertRejected(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x00, 0x00}, "not recognised");
    }

    private static byte[] pngWithHeader(int width, int height, int depth, int colourType) {
        byte[] data = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) depth).put((byte) colourType)
                .put((byte) 0).put((byte) 0).put((byte) 0).array();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        out.writeBytes(ImageSamples.chunk("IHDR", data));
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] write(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "ImageIO writes " + format);
        return out.toByteArray();
    }
}
