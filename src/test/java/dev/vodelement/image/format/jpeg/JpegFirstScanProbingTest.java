package dev.vodelement.image.format.jpeg;

import static dev.vodelement.image.format.jpeg.JpegProbingTest.assertLibjpegRefuses;
import static dev.vodelement.image.format.Probing.assertRejected;
import static dev.vodelement.image.format.jpeg.JpegProbingTest.indexOf;
import static dev.vodelement.image.format.jpeg.JpegProbingTest.libjpegDecodedWidth;
import static dev.vodelement.image.format.Probing.probe;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

import dev.vodelement.standin.ImageSamples;
import dev.vodelement.standin.JpegBuilder;

/**
 * What libjpeg checks when decoding starts on the first scan (jdinput.c's start_input_pass:
 * per_scan_setup, latch_quant_tables, then the Huffman decoder's start_pass and
 * jpeg_make_d_derived_tbl), one rule per test: a minimal file breaking it, and
 * samples/images/front.jpg (DQT 0 at byte 20, DQT 1 at 89, frame header at 158, DHT DC 0 at 177,
 * AC 0 at 210, DC 1 at 393, AC 1 at 426, the scan at 609) changed in that one respect, which the
 * JDK's reader reads the header of but cannot decode.
 */
class JpegFirstScanProbingTest {

    private static final int FRONT_SOF = 158;
    private static final int FRONT_DHT_DC = 177;
    private static final int FRONT_SOS = 609;

    @Test
    void aQuantizationTableNoDqtDefinedBeforeTheScanIsRefused() {
        byte[] jpeg = JpegBuilder.soi().frame(0xC0, 640, 480).scanAndEnd().bytes();
        assertRejected(jpeg, "JPEG scan at byte 15 decodes component 1 with quantization table 0, which no DQT before"
                + " it defines; decoders refuse it");
        assertLibjpegRefuses(cut(ImageSamples.frontJpeg(), 89, 69)); // without its DQT 1
    }

    @Test
    void aHuffmanTableNoDhtDefinedIsRefused() {
        assertRejected(minimalScanning(0x22), "JPEG scan at byte 84 decodes component 1 with DC Huffman table 2, which"
                + " no DHT before it defines; decoders refuse it");
        assertLibjpegRefuses(frontWith(FRONT_SOS + 6, 0x22));
    }

    @Test
    void aHuffmanTableOverThreeIsRefused() {
        assertRejected(minimalScanning(0x04), "JPEG scan at byte 84 decodes component 1 with AC Huffman table 4, which"
                + " does not exist (there are 4, 0-3)");
        assertLibjpegRefuses(frontWith(FRONT_SOS + 6, 0x41));
    }

    @Test
    void aSequentialFileWithoutHuffmanTablesGetsTheStandardOnes() throws IOException {
        // libjpeg's std_huff_tables fills DC and AC slots 0 and 1 (Motion-JPEG frames leave them out)
        byte[] jpeg = cut(ImageSamples.frontJpeg(), FRONT_DHT_DC, FRONT_SOS - FRONT_DHT_DC);
        assertEquals(768, probe(jpeg).width());
        assertEquals(768, libjpegDecodedWidth(jpeg));
        assertEquals(640, probe(minimalScanning(0x11)).width());
    }

    @Test
    void aProgressiveFileGetsNoStandardHuffmanTables() throws IOException {
        byte[] jpeg = JpegBuilder.soi().segment(0xDB, 65).frame(0xC2, 640, 480)
                .raw(0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x12, 0xFF, 0xD9).bytes();
        assertRejected(jpeg, "JPEG scan at byte 84 decodes component 1 with DC Huffman table 0, which no DHT before it"
                + " defines");
        byte[] progressive = ImageSamples.progressiveJpeg(320, 240);
        int firstScan = indexOf(progressive, 0xFF, 0xDA);
        int firstTable = indexOf(progressive, 0xFF, 0xC4);
        assertLibjpegRefuses(cut(progressive, firstTable, firstScan - firstTable)); // its DC tables taken out
        byte[] dcScanWithUndefinedAcTable = JpegBuilder.soi().segment(0xDB, 65).frame(0xC2, 640, 480)
                .progressiveScanAndEnd().bytes();
        dcScanWithUndefinedAcTable[84 + 33 + 6] = 0x03; // DC 0, AC 3: a DC scan uses no AC table
        assertEquals(640, probe(dcScanWithUndefinedAcTable).width());
    }

    @Test
    void progressionParametersLibjpegRefusesAreRefused() throws IOException {
        byte[] dcBandToSixtyThree = JpegBuilder.soi().segment(0xDB, 65).frame(0xC2, 640, 480).progressiveScanAndEnd()
                .bytes();
        dcBandToSixtyThree[84 + 33 + 8] = 63;
        assertRejected(dcBandToSixtyThree, "JPEG progressive scan at byte 117 has spectral selection 0-63 and"
                + " successive approximation 0/0, which decoders refuse");
        byte[] progressive = ImageSamples.progressiveJpeg(320, 240);
        int firstScan = indexOf(progressive, 0xFF, 0xDA);
        assertEquals(320, probe(progressive).width());
        int low = firstScan + 2 + (((progressive[firstScan + 2] & 0xFF) << 8) | (progressive[firstScan + 3] & 0xFF)) - 1;
        progressive[low] = 14; // Al over 13
        assertRejected(progressive, "successive approximation 0/14");
        assertLibjpegRefuses(progressive);
    }

    @Test
    void anInterleavedScanOfMoreThanTenDataUnitsPerMcuIsRefused() {
        byte[] jpeg = frontWith(FRONT_SOF + 11, 0x44); // luma 4x4 (16 units) + 2 chroma
        assertRejected(jpeg, "JPEG scan at byte 609 interleaves components whose sampling factors make 18 data units"
                + " per MCU; decoders accept at most 10");
        assertLibjpegRefuses(jpeg);
    }

    @Test
    void huffmanCountsThatMakeNoCodeAreRefused() {
        // three 1-bit codes; the third would be all ones
        byte[] table = {0x00, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2};
        byte[] jpeg = JpegBuilder.soi().raw(JpegBuilder.segment(0xC4, table)).segment(0xDB, 65).frame(0xC0, 640, 480)
                .scanAndEnd().bytes();
        assertRejected(jpeg, "JPEG scan at byte 108 decodes component 1 with DC Huffman table 0 (DHT at byte 2), whose"
                + " code counts do not make a Huffman code; decoders refuse it");
        byte[] front = frontWith(FRONT_DHT_DC + 5, 1); // its 2-bit code made 1-bit: the 3-bit ones no longer fit
        front[FRONT_DHT_DC + 6] = 0;
        assertRejected(front, "code counts do not make a Huffman code");
        assertLibjpegRefuses(front);
    }

    @Test
    void dcSymbolsOverFifteenAreRefused() {
        byte[] front = frontWith(FRONT_DHT_DC + 21 + 11, 16);
        assertRejected(front, "JPEG scan at byte 609 decodes component 1 with DC Huffman table 0 (DHT at byte 177),"
                + " whose symbols go up to 16 (at most 15); decoders refuse it");
        assertLibjpegRefuses(front);
    }

    /** SOI, a DQT, a 640 x 480 one-component frame header, and at byte 84 a scan with these table selectors. */
    private static byte[] minimalScanning(int selectors) {
        return JpegBuilder.soi().segment(0xDB, 65).frame(0xC0, 640, 480)
                .raw(0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, selectors, 0x00, 0x3F, 0x00, 0x12, 0xFF, 0xD9).bytes();
    }

    private static byte[] frontWith(int offset, int value) {
        byte[] jpeg = ImageSamples.frontJpeg();
        assertEquals(FRONT_SOS, indexOf(jpeg, 0xFF, 0xDA), "front.jpg's layout is as documented");
        jpeg[offset] = (byte) value;
        return jpeg;
    }

    private static byte[] cut(byte[] jpeg, int at, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, at);
        out.write(jpeg, at + length, jpeg.length - at - length);
        return out.toByteArray();
    }
}
