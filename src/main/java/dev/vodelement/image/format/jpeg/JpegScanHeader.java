package dev.vodelement.image.format.jpeg;

import java.io.IOException;

import dev.vodelement.image.ImageRejected;
import dev.vodelement.image.format.ImageBytes;

/**
 * The first scan header (SOS), read as libjpeg's get_sos reads it at the end of
 * {@code jpeg_read_header}, then checked as libjpeg checks it when decoding starts
 * ({@code jpeg_start_decompress} runs jdinput.c's start_input_pass on the first scan): those
 * checks need nothing past this header, and a file failing them never decodes.
 */
final class JpegScanHeader {

    /** D_MAX_BLOCKS_IN_MCU: the data units one MCU of an interleaved scan may hold. */
    private static final int MAX_BLOCKS_IN_MCU = 10;
    /** libjpeg's standard Huffman tables fill DC and AC slots 0 and 1 when no DHT defined them. */
    private static final int STANDARD_HUFFMAN_SLOTS = 2;

    private JpegScanHeader() {
    }

    static void read(ImageBytes in, JpegFrame frame, JpegTables tables, long at) throws IOException, ImageRejected {
        int length = in.u16();
        int components = in.u8();
        if (components < 1 || components > 4 || length != 6 + 2 * components) {
            throw new ImageRejected(String.format("JPEG scan header at byte %d is malformed (%d components,"
                    + " length %d)", at, components, length));
        }
        int[] matched = new int[components];
        int[] selectors = new int[components];
        readComponents(in, frame, at, matched, selectors);
        int spectralStart = in.u8();
        int spectralEnd = in.u8();
        int approximation = in.u8();
        checkInterleaving(frame, matched, at);
        checkQuantizationTables(frame, tables, matched, at);
        if (frame.progressive()) {
            checkProgression(spectralStart, spectralEnd, approximation >> 4, approximation & 0x0F, components, at);
        }
        checkHuffmanTables(frame, tables, matched, selectors, spectralStart, approximation >> 4, at);
    }

    /**
     * libjpeg's get_sos: each selector a component of the frame, named once. libjpeg-turbo (and
     * the JDK's libjpeg) match the scan's i-th selector only against the frame's components from
     * the i-th on (and its first 4), so a scan listing them against the frame's order can be
     * refused too: [3, 2, 1] of a frame [1, 2, 3] is, [3, 2] is not.
     */
    private static void readComponents(ImageBytes in, JpegFrame frame, long at, int[] matched, int[] selectors)
            throws IOException, ImageRejected {
        int[] ids = new int[matched.length];
        for (int i = 0; i < matched.length; i++) {
            ids[i] = in.u8();
            selectors[i] = in.u8();
            if (!frame.hasComponent(ids[i])) {
                throw new ImageRejected("JPEG scan header at byte " + at + " names component " + ids[i]
                        + ", which the frame header does not declare");
            }
            matched[i] = frame.matchScanComponent(ids[i], i);
            boolean namedBefore = false;
            for (int earlier = 0; earlier < i; earlier++) {
                namedBefore |= ids[earlier] == ids[i];
                if (matched[i] >= 0 && matched[earlier] == matched[i]) {
                    throw new ImageRejected("JPEG scan header at byte " + at + " names component " + ids[i]
                            + " twice; decoders refuse it");
                }
            }
            if (matched[i] < 0) {
                throw new ImageRejected("JPEG scan header at byte " + at + " names component " + ids[i]
                        + (namedBefore ? " twice" : " as its " + ordinal(i + 1) + " though the frame header declares"
                                + " it earlier") + "; decoders refuse it");
            }
        }
    }

    /** jdinput.c's per_scan_setup: an interleaved scan's MCU holds at most 10 data units. */
    private static void checkInterleaving(JpegFrame frame, int[] matched, long at) throws ImageRejected {
        if (matched.length == 1) {
            return; // a single component's MCU is one data unit
        }
        int blocks = 0;
        for (int ci : matched) {
            blocks += frame.blocks()[ci];
        }
        if (blocks > MAX_BLOCKS_IN_MCU) {
            throw new ImageRejected(String.format("JPEG scan at byte %d interleaves components whose sampling"
                    + " factors make %d data units per MCU; decoders accept at most 10", at, blocks));
        }
    }

    /** jdinput.c's latch_quant_tables: each component of the scan has its table defined by now. */
    private static void checkQuantizationTables(JpegFrame frame, JpegTables tables, int[] matched, long at)
            throws ImageRejected {
        for (int ci : matched) {
            int table = frame.quantizationTables()[ci];
            if (!tables.hasQuantization(table)) {
                throw new ImageRejected(String.format("JPEG scan at byte %d decodes component %d with quantization"
                        + " table %d, which no DQT before it defines; decoders refuse it", at,
                        frame.componentIds()[ci], table));
            }
        }
    }

    /** jdphuff.c's start_pass_phuff_decoder: the spectral band and approximation bits a progressive scan may have. */
    private static void checkProgression(int start, int end, int high, int low, int components, long at)
            throws ImageRejected {
        boolean dcBand = start == 0;
        boolean bad = dcBand ? end != 0 : start > end || end > 63 || components != 1;
        bad |= high != 0 && low != high - 1;
        bad |= low > 13;
        if (bad) {
            throw new ImageRejected(String.format("JPEG progressive scan at byte %d has spectral selection %d-%d and"
                    + " successive approximation %d/%d, which decoders refuse", at, start, end, high, low));
        }
    }

    /**
     * jdhuff.c's start_pass_huff_decoder and jdphuff.c's start_pass_phuff_decoder, through
     * jpeg_make_d_derived_tbl: every Huffman table the scan decodes with is defined, its counts
     * make a code and, for a DC table, its symbols are bit counts up to 15. A sequential
     * scan uses a DC and an AC table per component, and libjpeg fills slots 0 and 1 with the
     * standard tables where no DHT did (Motion-JPEG frames leave them out). A progressive scan
     * uses the DC tables in a first DC scan, none in a DC refinement, the AC table in an AC scan,
     * and gets no standard tables.
     */
    private static void checkHuffmanTables(JpegFrame frame, JpegTables tables, int[] matched, int[] selectors,
            int spectralStart, int approximationHigh, long at) throws ImageRejected {
        boolean usesDc = !frame.progressive() || (spectralStart == 0 && approximationHigh == 0);
        boolean usesAc = !frame.progressive() || spectralStart > 0;
        for (int i = 0; i < matched.length; i++) {
            int component = frame.componentIds()[matched[i]];
            if (usesDc) {
                checkHuffmanTable(frame, tables, true, selectors[i] >> 4, component, at);
            }
            if (usesAc) {
                checkHuffmanTable(frame, tables, false, selectors[i] & 0x0F, component, at);
            }
        }
    }

    private static void checkHuffmanTable(JpegFrame frame, JpegTables tables, boolean dc, int index, int component,
            long at) throws ImageRejected {
        JpegTables.HuffmanTable table = tables.huffman(dc, index);
        boolean standard = !frame.progressive() && index < STANDARD_HUFFMAN_SLOTS;
        if (table == null && !standard) {
            throw new ImageRejected(String.format("JPEG scan at byte %d decodes component %d with %s Huffman table %d,"
                    + " which %s; decoders refuse it", at, component, dc ? "DC" : "AC", index,
                    index > 3 ? "does not exist (there are 4, 0-3)" : "no DHT before it defines"));
        }
        if (table != null && table.flaw() != null) {
            throw new ImageRejected(String.format("JPEG scan at byte %d decodes component %d with %s Huffman table %d"
                    + " (DHT at byte %d), %s; decoders refuse it", at, component, dc ? "DC" : "AC", index,
                    table.definedAt(), table.flaw()));
        }
    }

    private static String ordinal(int n) {
        return n + switch (n) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }
}
