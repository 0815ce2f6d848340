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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.vodelement.image.ImageRejected;
import dev.vodelement.standin.ImageSamples;
import dev.vodelement.standin.JpegBuilder;

class JpegProbingTest {

    @Test
    void baselineJpegMatchesImageIoAndStopsRightAfterTheFrameHeader() throws IOException {
        byte[] jpeg = ImageSamples.jpeg(640, 480);
        ProbedImage probed = probe(jpeg);
        assertOracle(jpeg, probed);
        int sof = indexOf(jpeg, 0xFF, 0xC0);
        assertEquals(sof + 9, probed.bytesNeeded(), "marker, length, precision, height, width");
    }

    @Test
    void progressiveJpegIsReadFromSof2() throws IOException {
        byte[] jpeg = ImageSamples.progressiveJpeg(500, 700);
        assertTrue(indexOf(jpeg, 0xFF, 0xC2) > 0, "ImageIO wrote a progressive frame");
        assertOracle(jpeg, probe(jpeg));
    }

    @Test
    void extendedSequentialSof1IsAFrameHeader() throws IOException {
        byte[] jpeg = ImageSamples.jpeg(320, 400);
        jpeg[indexOf(jpeg, 0xFF, 0xC0) + 1] = (byte) 0xC1; // baseline is a subset of extended sequential
        ProbedImage probed = probe(jpeg);
        assertOracle(jpeg, probed);
        assertEquals(320, probed.width());
    }

    @ParameterizedTest
    @ValueSource(ints = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
    void everySofMarkerGivesTheDimensions(int marker) throws IOException {
        byte[] jpeg = JpegBuilder.soi().segment(0xE0, 14).segment(0xDB, 65).frame(marker, 1234, 567).scanAndEnd()
                .bytes();
        ProbedImage probed = probe(jpeg);
        assertEquals(1234, probed.width());
        assertEquals(567, probed.height());
    }

    @ParameterizedTest
    @ValueSource(ints = {0xC4, 0xC8, 0xCC})
    void dhtJpgAndDacAreNotFrameHeadersThoughInTheSofRange(int marker) throws IOException {
        // laid out like a frame header claiming 100 x 100: a prober that takes it for one is wrong
        byte[] jpeg = JpegBuilder.soi().frame(marker, 100, 100).frame(0xC0, 800, 600).scanAndEnd().bytes();
        ProbedImage probed = probe(jpeg);
        assertEquals(800, probed.width());
        assertEquals(600, probed.height());
    }

    @Test
    void fillBytesBeforeMarkersAreSkipped() throws IOException {
        byte[] real = ImageSamples.jpeg(400, 300);
        int sof = indexOf(real, 0xFF, 0xC0);
        byte[] filled = new byte[real.length + 5];
        System.arraycopy(real, 0, filled, 0, sof);
        for (int i = 0; i < 5; i++) {
            filled[sof + i] = (byte) 0xFF;
        }
        System.arraycopy(real, sof, filled, sof + 5, real.length - sof);
        assertOracle(filled, probe(filled));
        assertEquals(400, probe(filled).width());
    }

    @Test
    void markersWithoutLengthAreStepped() throws IOException {
        byte[] jpeg = JpegBuilder.soi().segment(0xE0, 14).raw(0xFF, 0x01).raw(0xFF, 0xD3).segment(0xDB, 65)
                .frame(0xC0, 700, 900).scanAndEnd().bytes();
        ProbedImage probed = probe(jpeg);
        assertEquals(700, probed.width());
        assertEquals(900, probed.height());
    }

    @Test
    void anEmptySegmentOfLengthTwoIsValid() throws IOException {
        byte[] real = ImageSamples.jpeg(333, 444);
        byte[] jpeg = ImageSamples.withSegmentsAfterSoi(real, new byte[] {(byte) 0xFF, (byte) 0xE5, 0x00, 0x02});
        assertOracle(jpeg, probe(jpeg));
    }

    @Test
    void theExifThumbnailsFrameHeaderIsNotTheImagesFrameHeader() throws IOException {
        byte[] thumbnail = ImageSamples.jpeg(160, 120);
        byte[] jpeg = ImageSamples.withSegmentsAfterSoi(ImageSamples.withoutJfif(ImageSamples.jpeg(600, 800)),
                ImageSamples.exifWithThumbnail(thumbnail, 2000));
        int firstFfc0 = indexOf(jpeg, 0xFF, 0xC0);
        assertEquals(160, ((jpeg[firstFfc0 + 7] & 0xFF) << 8) | (jpeg[firstFfc0 + 8] & 0xFF),
                "a search for the first FF C0 finds the thumbnail");
        ProbedImage probed = probe(jpeg);
        assertOracle(jpeg, probed);
        assertEquals(600, probed.width());
        assertEquals(800, probed.height());
    }

    @Test
    void aFrameHeaderBeyond800KbIsFoundWithoutReadingTheSegmentsBeforeIt() throws IOException {
        byte[] jpeg = ImageSamples.withSegmentsAfterSoi(ImageSamples.jpeg(1000, 750),
                ImageSamples.exifWithThumbnail(ImageSamples.jpeg(160, 120), 30_000), ImageSamples.xmp(40_000),
                ImageSamples.extendedXmp(820_000), ImageSamples.icc(60_000));
        int sof = indexOf(jpeg, 0xFF, 0xC0, 820_000);
        assertTrue(sof > 800 * 1024, "frame header at " + sof);
        ReadCountingStream counting = new ReadCountingStream(new ByteArrayInputStream(jpeg));
        ProbedImage probed = HeaderProber.probe(counting);
        assertOracle(jpeg, probed);
        assertEquals(sof + 9, probed.bytesNeeded());
        assertTrue(counting.bytesRead() < 2_000, "payloads are skipped, not read: read " + counting.bytesRead());
    }

    @Test
    void garbageBetweenSegmentsIsSkippedLikeLibjpegDoes() throws IOException {
        byte[] jpeg = JpegBuilder.soi().segment(0xE0, 14).raw(0x00, 0x12, 0xFF, 0x00).segment(0xDB, 65)
                .frame(0xC0, 640, 640).scanAndEnd().bytes();
        assertEquals(640, probe(jpeg).width());
    }

    @Test
    void hierarchicalJpegTakesTheSizeFromDhp() throws IOException {
        byte[] jpeg = JpegBuilder.soi().segment(0xDB, 65).frame(0xDE, 2000, 1500).frame(0xC5, 1000, 750)
                .scanAndEnd().bytes();
        ProbedImage probed = probe(jpeg);
        assertEquals(2000, probed.width());
        assertEquals(1500, probed.height());
    }

    @Test
    void heightZeroMeansDnlAndIsRejected() {
        byte[] jpeg = JpegBuilder.soi().segment(0xDB, 65).frame(0xC0, 800, 0).scanAndEnd().raw(0xFF, 0xDC, 0, 4, 3, 0)
                .bytes();
        assertRejected(jpeg, "height 0");
    }

    @Test
    void widthZeroIsRejected() {
        assertRejected(JpegBuilder.soi().frame(0xC0, 0, 600).scanAndEnd().bytes(), "width 0");
    }

    @Test
    void aScanBeforeAnyFrameHeaderIsRejected() {
        assertRejected(JpegBuilder.soi().segment(0xE0, 14).segment(0xDB, 65).scanAndEnd().bytes(),
                "scan starts (SOS marker at byte 89) before any frame header");
    }

    @Test
    void theEndBeforeAnyFrameHeaderIsRejected() {
        assertRejected(JpegBuilder.soi().segment(0xE0, 14).raw(0xFF, 0xD9).bytes(),
                "JPEG ends (EOI marker at byte 20) before any frame header");
    }

    @Test
    void aFileCutBeforeTheFrameHeaderIsRejected() {
        byte[] jpeg = ImageSamples.jpeg(400, 400);
        byte[] cut = java.util.Arrays.copyOf(jpeg, indexOf(jpeg, 0xFF, 0xC0) + 4);
        assertRejected(cut, "JPEG ends after " + cut.length + " bytes, before its frame header");
    }

    @Test
    void aSegmentLengthBelowTwoIsRejected() {
        assertRejected(JpegBuilder.soi().raw(0xFF, 0xE1, 0x00, 0x01).frame(0xC0, 400, 400).bytes(), "invalid length 1");
    }

    @Test
    void aSecondStartOfImageIsRejected() {
        assertRejected(JpegBuilder.soi().raw(0xFF, 0xD8).frame(0xC0, 400, 400).bytes(), "second start-of-image");
    }

    static ProbedImage probe(byte[] bytes) throws IOException {
        return HeaderProber.probe(new ByteArrayInputStream(bytes));
    }

    static void assertRejected(byte[] bytes, String expected) {
        ImageRejected rejected = assertThrows(ImageRejected.class, () -> probe(bytes));
        assertTrue(rejected.problem().contains(expected), rejected.problem());
    }

    /** JDK ImageIO reads the header without decoding: an independent second opinion. */
    static void assertOracle(byte[] bytes, ProbedImage probed) throws IOException {
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

    static int indexOf(byte[] bytes, int b0, int b1) {
        return indexOf(bytes, b0, b1, 0);
    }

    static int indexOf(byte[] bytes, int b0, int b1, int from) {
        for (int i = from; i < bytes.length - 1; i++) {
            if ((bytes[i] & 0xFF) == b0 && (bytes[i + 1] & 0xFF) == b1) {
                return i;
            }
        }
        return -1;
    }
}
