package dev.vodelement.image.format;

import java.io.IOException;

import dev.vodelement.image.ImageRejected;

/**
 * The table segments before the first scan (DHT, DQT, DAC, DRI), read the way libjpeg's marker
 * reader (jdmarker.c: {@code get_dht}, {@code get_dqt}, {@code get_dac}, {@code get_dri}) reads them
 * inside {@code jpeg_read_header}, refusing what it refuses. Only the bytes those checks look at are
 * read; symbols and quantization values are skipped, as nothing in the header read depends on them.
 *
 * <p>Each reader is given the segment's length field, already read and at least 2, and leaves the
 * stream at the segment's end. A table that claims more bytes than its segment has left is refused
 * without reading past the segment: libjpeg reads on into the next segment and then refuses the
 * length, so the verdict is the same.
 */
final class JpegTables {

    static final int DHT = 0xC4;
    static final int DAC = 0xCC;
    static final int DQT = 0xDB;
    static final int DRI = 0xDD;

    /** NUM_HUFF_TBLS, NUM_QUANT_TBLS. */
    private static final int TABLE_SLOTS = 4;
    /** NUM_ARITH_TBLS: DAC indexes 0-15 are DC conditioning, 16-31 AC. */
    private static final int ARITH_SLOTS = 16;
    /** The class/index byte and the 16 code counts in front of each Huffman table's symbols. */
    private static final int HUFFMAN_TABLE_HEAD = 17;
    private static final int MAX_HUFFMAN_SYMBOLS = 256;
    /** DCTSIZE2: a quantization table has 64 entries, of 1 byte (precision 0) or 2 (any other). */
    private static final int QUANT_ENTRIES = 64;

    private JpegTables() {
    }

    /** Whether libjpeg reads this segment's content during the header read, rather than skipping it. */
    static boolean isTableSegment(int marker) {
        return marker == DHT || marker == DQT || marker == DAC || marker == DRI;
    }

    static void read(ImageBytes in, int marker, int length, long at) throws IOException, ImageRejected {
        switch (marker) {
            case DHT -> readHuffman(in, length, at);
            case DQT -> readQuantization(in, length, at);
            case DAC -> readArithmeticConditioning(in, length, at);
            case DRI -> readRestartInterval(in, length, at);
            default -> throw new IllegalArgumentException(String.format("FF %02X is not a table segment", marker));
        }
    }

    /**
     * libjpeg's get_dht: tables while more than 16 bytes are left; each names class and index in
     * one byte (libjpeg reads bit 0x10 as AC and the rest as the index, so only 00-03 and 10-13
     * pass), then 16 counts whose sum may be at most 256 and at most what the segment has left;
     * the tables must fill the segment exactly.
     */
    private static void readHuffman(ImageBytes in, int length, long at) throws IOException, ImageRejected {
        int left = length - 2;
        while (left > HUFFMAN_TABLE_HEAD - 1) {
            int classAndIndex = in.u8();
            int symbols = 0;
            for (int i = 0; i < 16; i++) {
                symbols += in.u8();
            }
            left -= HUFFMAN_TABLE_HEAD;
            if (symbols > MAX_HUFFMAN_SYMBOLS || symbols > left) {
                throw new ImageRejected(String.format("JPEG Huffman table segment (DHT at byte %d) has a table whose"
                        + " code counts add up to %d symbols, more than %s; decoders refuse it", at, symbols,
                        symbols > MAX_HUFFMAN_SYMBOLS ? "256" : "the segment has left (" + left + ")"));
            }
            in.skip(symbols);
            left -= symbols;
            int index = (classAndIndex & 0x10) != 0 ? classAndIndex - 0x10 : classAndIndex;
            if (index >= TABLE_SLOTS) {
                throw new ImageRejected(String.format("JPEG Huffman table segment (DHT at byte %d) defines table"
                        + " %02X: class %d, index %d; decoders accept class 0 (DC) or 1 (AC) and index 0-3", at,
                        classAndIndex, classAndIndex >> 4, classAndIndex & 0x0F));
            }
        }
        if (left != 0) {
            throw new ImageRejected(String.format("JPEG Huffman table segment (DHT at byte %d) has length %d, which"
                    + " its tables do not fill: %d bytes are left over; decoders refuse it", at, length, left));
        }
    }

    /**
     * libjpeg's get_dqt: tables while bytes are left; each names precision and index in one byte
     * (the index must be 0-3; libjpeg reads any precision other than 0 as 16-bit entries and
     * refuses none), then 64 entries; the tables must fill the segment exactly.
     */
    private static void readQuantization(ImageBytes in, int length, long at) throws IOException, ImageRejected {
        int left = length - 2;
        while (left > 0) {
            int precisionAndIndex = in.u8();
            left--;
            int index = precisionAndIndex & 0x0F;
            if (index >= TABLE_SLOTS) {
                throw new ImageRejected(String.format("JPEG quantization table segment (DQT at byte %d) defines"
                        + " table %d; there are 4 (0-3)", at, index));
            }
            int size = (precisionAndIndex >> 4) == 0 ? QUANT_ENTRIES : 2 * QUANT_ENTRIES;
            if (size > left) {
                throw new ImageRejected(String.format("JPEG quantization table segment (DQT at byte %d) has length"
                        + " %d, too short for its tables: table %d needs %d bytes, %d are left; decoders refuse it",
                        at, length, index, size, left));
            }
            in.skip(size);
            left -= size;
        }
    }

    /**
     * libjpeg's get_dac, compiled in where arithmetic decoding is (libjpeg-turbo's default, the
     * JDK's reader): index/value pairs, the index under 32, a DC pair's lower bound (low nibble)
     * not above its upper one, nothing left over. It applies to Huffman files too: the segment is
     * read wherever it stands, though only the arithmetic frames the walk refuses use it.
     */
    private static void readArithmeticConditioning(ImageBytes in, int length, long at)
            throws IOException, ImageRejected {
        int left = length - 2;
        while (left > 1) {
            int index = in.u8();
            int value = in.u8();
            left -= 2;
            if (index >= 2 * ARITH_SLOTS) {
                throw new ImageRejected(String.format("JPEG arithmetic conditioning segment (DAC at byte %d) names"
                        + " table %d; there are 32 (0-31)", at, index));
            }
            if (index < ARITH_SLOTS && (value & 0x0F) > (value >> 4)) {
                throw new ImageRejected(String.format("JPEG arithmetic conditioning segment (DAC at byte %d) gives"
                        + " DC table %d the bounds %d-%d, lower above upper; decoders refuse it", at, index,
                        value & 0x0F, value >> 4));
            }
        }
        if (left != 0) {
            throw new ImageRejected(String.format("JPEG arithmetic conditioning segment (DAC at byte %d) has length"
                    + " %d, which is not whole pairs; decoders refuse it", at, length));
        }
    }

    /** libjpeg's get_dri: the length is exactly 4 (a 2-byte interval). */
    private static void readRestartInterval(ImageBytes in, int length, long at) throws IOException, ImageRejected {
        if (length != 4) {
            throw new ImageRejected(String.format("JPEG restart interval segment (DRI at byte %d) has length %d;"
                    + " it must be 4", at, length));
        }
        in.u16();
    }
}
