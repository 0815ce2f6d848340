package dev.vodelement.image.format.jpeg;

import static dev.vodelement.image.format.Probing.assertRejected;
import static dev.vodelement.image.format.jpeg.JpegProbingTest.indexOf;
import static dev.vodelement.image.format.Probing.probe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.vodelement.standin.ImageSamples;
import dev.vodelement.standin.JpegBuilder;

/**
 * The segments libjpeg's marker reader reads rather than skips before the first scan (jdmarker.c:
 * get_dht, get_dqt, get_dac, get_dri, get_sos), one rule per test: a minimal file breaking it, and,
 * where the JDK's reader (libjpeg 6b) has the rule too, samples/images/front.jpg changed in that
 * one respect, which it refuses as well. front.jpg has one table per segment: DQT 0 at byte 20, DQT 1
 * at 89, the frame header at 158, DHT DC 0 at 177, AC 0 at 210, DC 1 at 393, AC 1 at 426.
 */
class JpegTableProbingTest {

    private static final int FRONT_DQT = 20;
    private static final int FRONT_DHT_DC = 177;
    private static final int FRONT_DHT_AC = 210;

    /** One DC table of one 1-bit code: class/index byte, 16 counts, 1 symbol. */
    private static byte[] huffmanTable(int classAndIndex) {
        byte[] table = new byte[18];
        table[0] = (byte) classAndIndex;
        table[1] = 1;
        return table;
    }

    // get_dht

    @ParameterizedTest
    @ValueSource(ints = {0x04, 0x0F, 0x14, 0x20, 0x31})
    void aHuffmanTableOutsideFourDcAndFourAcIsRefused(int classAndIndex) {
        byte[] jpeg = minimalWith(JpegBuilder.segment(0xC4, huffmanTable(classAndIndex)));
        assertRejected(jpeg, String.format("JPEG Huffman table segment (DHT at byte 2) defines table %02X: class %d,"
                + " index %d; decoders accept class 0 (DC) or 1 (AC) and index 0-3", classAndIndex, classAndIndex >> 4,
                classAndIndex & 0x0F));
        assertJdkHeaderReadRefuses(frontWith(FRONT_DHT_DC + 4, classAndIndex));
    }

    @Test
    void allFourDcAndAcTablesInOneSegmentAreAccepted() throws IOException {
        byte[] tables = concat(huffmanTable(0x00), huffmanTable(0x03), huffmanTable(0x10), huffmanTable(0x13));
        byte[] jpeg = minimalWith(JpegBuilder.segment(0xC4, tables));
        assertEquals(640, probe(jpeg).width());
        assertEquals(640, libjpegHeaderWidth(jpeg));
        byte[] empty = minimalWith(JpegBuilder.segment(0xC4, new byte[0]));
        assertEquals(640, probe(empty).width(), "libjpeg's loop reads no table from a length-2 DHT and accepts it");
        assertEquals(640, libjpegHeaderWidth(empty));
    }

    @Test
    void huffmanCodeCountsOverWhatTheSegmentHoldsAreRefused() {
        byte[] table = huffmanTable(0x00);
        table[2] = 1; // two codes, one symbol
        assertRejected(minimalWith(JpegBuilder.segment(0xC4, table)), "JPEG Huffman table segment (DHT at byte 2) has"
                + " a table whose code counts add up to 2 symbols, more than the segment has left (1)");
        assertJdkHeaderReadRefuses(frontWith(FRONT_DHT_DC + 5, 20)); // 32 symbols in a segment holding 12
    }

    @Test
    void moreThan256HuffmanSymbolsAreRefused() {
        byte[] table = new byte[17 + 272];
        Arrays.fill(table, 1, 17, (byte) 17);
        assertRejected(minimalWith(JpegBuilder.segment(0xC4, table)), "code counts add up to 272 symbols, more than 256");
        assertJdkHeaderReadRefuses(frontWith(FRONT_DHT_AC + 20, 255)); // 162 + 255 symbols in a segment holding 162
    }

    @Test
    void aHuffmanSegmentLongerThanItsTablesIsRefused() {
        byte[] jpeg = minimalWith(JpegBuilder.segment(0xC4, concat(huffmanTable(0x00), new byte[3])));
        assertRejected(jpeg, "JPEG Huffman table segment (DHT at byte 2) has length 23, which its tables do not fill:"
                + " 3 bytes are left over");
        assertJdkHeaderReadRefuses(frontWith(FRONT_DHT_DC + 3, 31 + 3));
    }

    // get_dqt

    @Test
    void aQuantizationTableOverThreeIsRefused() {
        byte[] table = new byte[65];
        table[0] = 0x04;
        assertRejected(minimalWith(JpegBuilder.segment(0xDB, table)),
                "JPEG quantization table segment (DQT at byte 2) defines table 4; there are 4 (0-3)");
        assertJdkHeaderReadRefuses(frontWith(FRONT_DQT + 4, 0x04));
    }

    @Test
    void aQuantizationSegmentTooShortForItsTablesIsRefused() {
        assertRejected(minimalWith(JpegBuilder.segment(0xDB, new byte[64])), "JPEG quantization table segment (DQT at"
                + " byte 2) has length 66, too short for its tables: table 0 needs 64 bytes, 63 are left");
        byte[] secondCut = new byte[65 + 3];
        secondCut[65] = 0x01;
        assertRejected(minimalWith(JpegBuilder.segment(0xDB, secondCut)), "table 1 needs 64 bytes, 2 are left");
    }

    @Test
    void sixteenBitEntriesNeedTwiceTheBytes() {
        byte[] table = new byte[65];
        table[0] = 0x10;
        assertRejected(minimalWith(JpegBuilder.segment(0xDB, table)), "table 0 needs 128 bytes, 64 are left");
        assertJdkHeaderReadRefuses(frontWith(FRONT_DQT + 4, 0x10)); // the 8-bit table of front.jpg relabelled 16-bit
    }

    @Test
    void anyNonZeroPrecisionIsReadAsSixteenBitAsLibjpegDoes() throws IOException {
        // get_dqt reads "if (prec)" two bytes per entry and refuses no precision value
        byte[] table = new byte[129];
        table[0] = 0x21;
        Arrays.fill(table, 1, 129, (byte) 1);
        byte[] jpeg = minimalWith(JpegBuilder.segment(0xDB, table));
        assertEquals(640, probe(jpeg).width());
        assertEquals(640, libjpegHeaderWidth(jpeg));
    }

    // get_dri

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 6})
    void aRestartIntervalSegmentOfAnyLengthButFourIsRefused(int length) throws IOException {
        byte[] dri = JpegBuilder.segment(0xDD, new byte[length - 2]);
        assertRejected(minimalWith(dri), "JPEG restart interval segment (DRI at byte 2) has length " + length
                + "; it must be 4");
        assertJdkHeaderReadRefuses(ImageSamples.withSegmentsAfterSoi(ImageSamples.frontJpeg(), dri));
        byte[] four = JpegBuilder.segment(0xDD, new byte[] {0, 0});
        assertEquals(640, probe(minimalWith(four)).width());
    }

    // get_dac (where arithmetic decoding is compiled in: libjpeg-turbo's default, the JDK's reader)

    @Test
    void arithmeticConditioningOutsideItsTablesOrBoundsIsRefused() throws IOException {
        assertJdkHeaderReadRefuses(ImageSamples.withSegmentsAfterSoi(ImageSamples.frontJpeg(),
                JpegBuilder.segment(0xCC, new byte[] {32, 5})));
        assertRejected(minimalWith(JpegBuilder.segment(0xCC, new byte[] {32, 5})),
                "JPEG arithmetic conditioning segment (DAC at byte 2) names table 32; there are 32 (0-31)");
        assertRejected(minimalWith(JpegBuilder.segment(0xCC, new byte[] {3, 0x12})),
                "gives DC table 3 the bounds 2-1, lower above upper");
        assertRejected(minimalWith(JpegBuilder.segment(0xCC, new byte[] {3, 0x21, 19})),
                "(DAC at byte 2) has length 5, which is not whole pairs");
        byte[] fine = JpegBuilder.segment(0xCC, new byte[] {3, 0x21, 19, (byte) 0xFF});
        assertEquals(640, probe(minimalWith(fine)).width(), "an AC pair's value is not bounded");
    }

    // get_sos

    @Test
    void aScanNamingAComponentTwiceIsRefused() {
        assertRejected(threeComponentsScanning(1, 1), "JPEG scan header at byte 90 names component 1 twice");
        assertRejected(threeComponentsScanning(3, 3), "names component 3 twice");
        byte[] real = ImageSamples.frontJpeg();
        real[609 + 7] = 1; // its scan names components 1, 2, 3; now 1, 1, 3
        assertJdkHeaderReadRefuses(real);
        assertRejected(JpegBuilder.soi().frame(0xC0, 640, 480).raw(0xFF, 0xDA, 0x00, 0x0A, 0x02, 0x01, 0x00, 0x01, 0x00,
                0x00, 0x3F, 0x00).bytes(), "names component 1 twice");
    }

    @Test
    void aScanComponentMatchedOnlyFromItsOwnPositionInTheFrameOnAsLibjpegTurboDoes() throws IOException {
        assertRejected(threeComponentsScanning(3, 1), "JPEG scan header at byte 90 names component 1 as its 2nd though"
                + " the frame header declares it earlier");
        assertEquals(640, probe(threeComponentsScanning(3, 2)).width());
        assertEquals(640, probe(threeComponentsScanning(1, 3)).width());
        assertEquals(640, probe(threeComponentsScanning(1, 2, 3)).width());
        byte[] real = ImageSamples.frontJpeg();
        real[609 + 5] = 3; // its scan names components 1, 2, 3; now 3, 2, 1
        real[609 + 9] = 1;
        assertJdkHeaderReadRefuses(real);
    }

    /** SOI, a DQT, a 3-component frame header (ids 1, 2, 3), and a scan of these components at byte 90. */
    private static byte[] threeComponentsScanning(int... ids) {
        JpegBuilder jpeg = JpegBuilder.soi().segment(0xDB, 65).raw(0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x03, 0x01, 0x11,
                0x00, 0x02, 0x11, 0x00, 0x03, 0x11, 0x00);
        jpeg.raw(0xFF, 0xDA, 0x00, 6 + 2 * ids.length, ids.length);
        for (int id : ids) {
            jpeg.raw(id, 0x00);
        }
        return jpeg.raw(0x00, 0x3F, 0x00, 0x12, 0xFF, 0xD9).bytes();
    }

    /** SOI, this segment at byte 2, a DQT, a 640 x 480 frame header and a scan. */
    private static byte[] minimalWith(byte[] segment) {
        return JpegBuilder.soi().raw(segment).segment(0xDB, 65).frame(0xC0, 640, 480).scanAndEnd().bytes();
    }

    /** samples/images/front.jpg with the byte at this offset set to this value. */
    private static byte[] frontWith(int offset, int value) {
        byte[] jpeg = ImageSamples.frontJpeg();
        assertEquals(0xC4, jpeg[FRONT_DHT_DC + 1] & 0xFF, "front.jpg's layout is as documented");
        assertEquals(0xDB, jpeg[FRONT_DQT + 1] & 0xFF, "front.jpg's layout is as documented");
        assertEquals(609, indexOf(jpeg, 0xFF, 0xDA));
        jpeg[offset] = (byte) value;
        return jpeg;
    }

    /** The width the JDK's JPEG reader (libjpeg 6b) gives after reading the header only. */
    static int libjpegHeaderWidth(byte[] jpeg) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in);
            return reader.getWidth(0);
        } finally {
            reader.dispose();
        }
    }

    /** The JDK's reader refuses the file in its header read ({@code jpeg_read_header}), before any decoding. */
    static void assertJdkHeaderReadRefuses(byte[] jpeg) {
        assertThrows(javax.imageio.IIOException.class, () -> libjpegHeaderWidth(jpeg), "the JDK reads the header");
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
