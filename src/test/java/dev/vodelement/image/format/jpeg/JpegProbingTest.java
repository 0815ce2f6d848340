package dev.vodelement.image.format.jpeg;

import static dev.vodelement.image.format.Probing.assertOracle;
import static dev.vodelement.image.format.Probing.assertRejected;
import static dev.vodelement.image.format.Probing.probe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.vodelement.image.format.HeaderProber;
import dev.vodelement.image.format.ImageFormat;
import dev.vodelement.image.format.ProbedImage;
import dev.vodelement.image.format.ReadCountingStream;
import dev.vodelement.standin.ImageSamples;
import dev.vodelement.standin.JpegBuilder;

class JpegProbingTest {

    @Test
    void baselineJpegMatchesImageIoAndStopsRightAfterTheFirstScanHeader() throws IOException {
        byte[] jpeg = ImageSamples.jpeg(640, 480);
        ProbedImage probed = probe(jpeg);
        assertOracle(jpeg, probed);
        assertEquals(endOfFirstScanHeader(jpeg, 0), probed.bytesNeeded(), "the walk stops where entropy-coded data starts");
        assertTrue(probed.bytesNeeded() < 1_000, "a few hundred bytes: " + probed.bytesNeeded());
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
    @ValueSource(ints = {0xC0, 0xC1, 0xC2})
    void baselineExtendedAndProgressiveFramesGiveTheDimensions(int marker) throws IOException {
        JpegBuilder header = JpegBuilder.soi().segment(0xE0, 14).segment(0xDB, 65).frame(marker, 1234, 567);
        byte[] jpeg = (marker == 0xC2 ? header.progressiveScanAndEnd() : header.scanAndEnd()).bytes();
        ProbedImage probed = probe(jpeg);
        assertEquals(1234, probed.width());
        assertEquals(567, probed.height());
    }

    @Test
    void dhtAndDacAreNotFrameHeadersThoughInTheSofRange() throws IOException {
        // Well-formed tables (both are read now) that a prober taking them for a frame header
        // would read as precision 0, or as 8-bit samples and 4353 x 4353 px
        byte[] dht = JpegBuilder.segment(0xC4, new byte[] {0x00, 0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1,
            2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        byte[] dac = JpegBuilder.segment(0xCC, new byte[] {8, 0x11, 1, 0x11, 1, 0x11, 1, 0x11});
        for (byte[] tables : new byte[][] {dht, dac}) {
            byte[] jpeg = JpegBuilder.soi().raw(tables).segment(0xDB, 65).frame(0xC0, 800, 600).scanAndEnd().bytes();
            ProbedImage probed = probe(jpeg);
            assertEquals(800, probed.width());
            assertEquals(600, probed.height());
        }
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
        assertEquals(endOfFirstScanHeader(jpeg, sof), probed.bytesNeeded());
        assertTrue(counting.bytesRead() < 2_000, "payloads are skipped, not read: read " + counting.bytesRead());
    }

    @Test
    void garbageBetweenSegmentsIsSkippedLikeLibjpegDoes() throws IOException {
        byte[] jpeg = JpegBuilder.soi().segment(0xE0, 14).raw(0x00, 0x12, 0xFF, 0x00).segment(0xDB, 65)
                .frame(0xC0, 640, 640).scanAndEnd().bytes();
        assertEquals(640, probe(jpeg).width());
    }

    @Test
    void hierarchicalJpegIsRefusedAsLibjpegRefusesDhp() {
        byte[] jpeg = JpegBuilder.soi().segment(0xDB, 65).frame(0xDE, 2000, 1500).frame(0xC5, 1000, 750)
                .scanAndEnd().bytes();
        assertRejected(jpeg, "hierarchical progression (DHP) (marker FF DE at byte 71)");
        assertLibjpegRefuses(ImageSamples.withSegmentsAfterSoi(ImageSamples.jpeg(400, 400),
                JpegBuilder.segment(0xDE, new byte[] {8, 1, (byte) 0x90, 1, (byte) 0x90, 1, 1, 0x11, 0})));
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

    // Headers libjpeg cannot decode, each decided against the JDK's JPEG reader (libjpeg 6b inside)
    // on a real JPEG changed in that one respect, and the prober refusing it in the same way.

    @Test
    void aFileEndingRightAfterTheFrameHeaderFieldsIsRefused() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0x00, 0x11, 0x08, 0x01, (byte) 0xE0, 0x02,
            (byte) 0x80};
        assertRejected(jpeg, "JPEG ends after 11 bytes, before its frame header");
        byte[] real = ImageSamples.jpeg(640, 480);
        assertLibjpegRefuses(java.util.Arrays.copyOf(real, indexOf(real, 0xFF, 0xC0) + 19));
    }

    @Test
    void aFileEndingBeforeItsFirstScanIsRefused() {
        byte[] real = ImageSamples.jpeg(640, 480);
        byte[] cut = java.util.Arrays.copyOf(real, indexOf(real, 0xFF, 0xDA));
        assertRejected(cut, "before its first scan (SOS), so it has no image");
        assertLibjpegRefuses(cut);
        byte[] ended = JpegBuilder.soi().frame(0xC0, 640, 480).raw(0xFF, 0xD9).bytes();
        assertRejected(ended, "before its first scan, so it has no image");
    }

    @Test
    void zeroComponentsAreRefused() {
        byte[] jpeg = sofField(ImageSamples.jpeg(640, 480), 9, 0);
        assertRejected(jpeg, "declares 0 components");
        assertLibjpegRefuses(jpeg);
    }

    @Test
    void twoComponentsAreRefusedAsNoColourSpaceHasTwo() {
        byte[] jpeg = JpegBuilder.soi().raw(0xFF, 0xC0, 0x00, 0x0E, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x02, 0x01, 0x11, 0x00,
                0x02, 0x11, 0x00).scanAndEnd().bytes();
        assertRejected(jpeg, "declares 2 components; only 1 (grey), 3 (colour) or 4 (CMYK)");
    }

    @Test
    void aFrameHeaderLengthThatDoesNotMatchItsComponentsIsRefused() {
        byte[] real = ImageSamples.jpeg(640, 480);
        int sof = indexOf(real, 0xFF, 0xC0);
        byte[] longer = insert(sofField(real, 3, 20), sof + 19, new byte[3]); // 3 components need 17
        assertRejected(longer, "has length 20, but 3 components need 17");
        assertLibjpegRefuses(longer);
        byte[] shorter = JpegBuilder.soi().raw(0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x03, 0x01, 0x11,
                0x00).scanAndEnd().bytes();
        assertRejected(shorter, "has length 11, but 3 components need 17");
    }

    @ParameterizedTest
    @ValueSource(ints = {12, 16, 2})
    void onlyEightBitSamplesAreAccepted(int precision) {
        byte[] jpeg = sofField(ImageSamples.jpeg(640, 480), 4, precision);
        assertRejected(jpeg, "JPEG has " + precision + "-bit samples; only 8-bit JPEGs are decoded");
        assertLibjpegRefuses(jpeg);
    }

    @Test
    void sidesOverLibjpegsMaximumAreRefusedAndTheMaximumItselfIsAccepted() throws IOException {
        byte[] real = ImageSamples.jpeg(640, 480);
        byte[] wide = sofField(sofField(real, 7, 65_501 >> 8), 8, 65_501 & 0xFF);
        assertEquals(65_501, probeWidthField(wide));
        assertRejected(wide, "JPEG is 65501 x 480 px; decoders refuse sides over 65,500 px");
        assertLibjpegRefuses(wide);
        byte[] tall = JpegBuilder.soi().frame(0xC0, 400, 65_535).scanAndEnd().bytes();
        assertRejected(tall, "JPEG is 400 x 65535 px");
        ProbedImage widest = probe(JpegBuilder.soi().segment(0xDB, 65).frame(0xC0, 65_500, 400).scanAndEnd().bytes());
        assertEquals(65_500, widest.width());
    }

    @Test
    void aSecondFrameHeaderIsRefused() {
        byte[] real = ImageSamples.jpeg(640, 480);
        int sof = indexOf(real, 0xFF, 0xC0);
        byte[] again = insert(real, sof + 19, java.util.Arrays.copyOfRange(real, sof, sof + 19));
        assertRejected(again, "JPEG has a second frame header (FF C0 at byte " + (sof + 19) + ") before its first scan");
        assertLibjpegRefuses(again);
        byte[] progressiveToo = JpegBuilder.soi().frame(0xC0, 640, 480).frame(0xC2, 640, 480).scanAndEnd().bytes();
        assertRejected(progressiveToo, "second frame header (FF C2");
    }

    @ParameterizedTest
    @ValueSource(ints = {0xC3, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
    void framesOtherThanBaselineExtendedOrProgressiveHuffmanAreRefused(int marker) {
        byte[] jpeg = JpegBuilder.soi().segment(0xDB, 65).frame(marker, 640, 480).scanAndEnd().bytes();
        assertRejected(jpeg, String.format("(marker FF %02X at byte 71), which libjpeg-based decoders refuse", marker));
        if (marker == 0xC9) {
            // The JDK's reader decodes a Huffman file relabelled SOF9 as if it were SOF1, and
            // libjpeg-turbo decodes arithmetic coding when built with it: arithmetic coding is
            // refused by choice (browsers and many builds do not decode it), not as libjpeg does.
            return;
        }
        byte[] real = ImageSamples.jpeg(640, 480);
        byte[] changed = real.clone();
        changed[indexOf(real, 0xFF, 0xC0) + 1] = (byte) marker;
        assertLibjpegRefuses(changed);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x02, 0x4F, 0xBF, 0xDF, 0xF0, 0xF7, 0xFD})
    void reservedMarkersAreRefusedBeforeAndAfterTheFrameHeader(int marker) {
        byte[] segment = JpegBuilder.segment(marker, new byte[] {1, 2, 3, 4});
        byte[] before = ImageSamples.withSegmentsAfterSoi(ImageSamples.jpeg(640, 480), segment);
        assertRejected(before, String.format("(marker FF %02X at byte 2)", marker));
        assertLibjpegRefuses(before);
        byte[] real = ImageSamples.jpeg(640, 480);
        byte[] after = insert(real, indexOf(real, 0xFF, 0xC0) + 19, segment);
        assertRejected(after, String.format("(marker FF %02X at byte %d)", marker, indexOf(real, 0xFF, 0xC0) + 19));
        assertLibjpegRefuses(after);
    }

    @Test
    void dnlAppAndCommentSegmentsBetweenFrameAndScanAreSkipped() throws IOException {
        byte[] real = ImageSamples.jpeg(640, 480);
        byte[] jpeg = insert(real, indexOf(real, 0xFF, 0xC0) + 19, JpegBuilder.segment(0xFE, new byte[30]),
                JpegBuilder.segment(0xEE, new byte[12]));
        assertOracle(jpeg, probe(jpeg));
    }

    @Test
    void badSamplingFactorsOrQuantizationTablesAreRefused() {
        byte[] real = ImageSamples.jpeg(640, 480);
        byte[] sampling = sofField(real, 11, 0x50);
        assertRejected(sampling, "JPEG component 1 has sampling factors 5x0; decoders accept 1 to 4");
        assertLibjpegRefuses(sampling);
        assertRejected(sofField(real, 12, 4), "JPEG component 1 uses quantization table 4");
    }

    @Test
    void aScanOfAComponentTheFrameDoesNotDeclareIsRefused() {
        byte[] jpeg = JpegBuilder.soi().frame(0xC0, 640, 480)
                .raw(0xFF, 0xDA, 0x00, 0x08, 0x01, 0x07, 0x00, 0x00, 0x3F, 0x00).bytes();
        assertRejected(jpeg, "names component 7, which the frame header does not declare");
    }

    @Test
    void strayBytesBetweenSoiAndTheFirstMarkerAreSkippedLikeLibjpegDoes() throws IOException {
        byte[] real = ImageSamples.jpeg(640, 480);
        byte[] jpeg = insert(real, 2, new byte[] {0x00, 0x12, 0x34, 0x56, 0x78, 0x00, 0x00, 0x00, 0x00, 0x00});
        ProbedImage probed = probe(jpeg);
        assertEquals(ImageFormat.JPEG, probed.format());
        assertEquals(640, probed.width());
        assertEquals(480, probed.height());
        assertEquals(640, libjpegDecodedWidth(jpeg), "libjpeg warns, skips them and decodes");
    }

    /** One byte of the first baseline frame header, at an offset from its FF: 3 length (low byte), 4 precision, 7-8 width, 9 component count, 11 first sampling factors, 12 its table */
    private static byte[] sofField(byte[] jpeg, int offset, int value) {
        byte[] changed = jpeg.clone();
        changed[indexOf(jpeg, 0xFF, 0xC0) + offset] = (byte) value;
        return changed;
    }

    private static int probeWidthField(byte[] jpeg) {
        int sof = indexOf(jpeg, 0xFF, 0xC0);
        return ((jpeg[sof + 7] & 0xFF) << 8) | (jpeg[sof + 8] & 0xFF);
    }

    private static byte[] insert(byte[] file, int at, byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(file, 0, at);
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        out.write(file, at, file.length - at);
        return out.toByteArray();
    }

    /** Where the entropy-coded data of the first scan after {@code from} starts. */
    private static int endOfFirstScanHeader(byte[] jpeg, int from) {
        int sos = indexOf(jpeg, 0xFF, 0xDA, from);
        return sos + 2 + (((jpeg[sos + 2] & 0xFF) << 8) | (jpeg[sos + 3] & 0xFF));
    }

    /** The JDK's JPEG reader, asked directly (its format detection wants FF D8 FF), decodes the file. */
    static int libjpegDecodedWidth(byte[] bytes) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in);
            return reader.read(0).getWidth();
        } finally {
            reader.dispose();
        }
    }

    /** The JDK's JPEG reader (libjpeg) cannot decode the file either. */
    static void assertLibjpegRefuses(byte[] bytes) {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in);
            Exception refused = assertThrows(Exception.class, () -> reader.read(0), "libjpeg decodes it");
            assertTrue(refused instanceof IOException || refused instanceof RuntimeException, refused.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
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
