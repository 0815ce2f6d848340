package dev.vodelement.image.format.jpeg;

import java.io.IOException;

import dev.vodelement.image.ImageRejected;
import dev.vodelement.image.format.ImageBytes;

/**
 * The table segments before the first scan (DHT, DQT, DAC, DRI), read the way libjpeg's marker
 * reader (jdmarker.c: {@code get_dht}, {@code get_dqt}, {@code get_dac}, {@code get_dri}) reads them
 * inside {@code jpeg_read_header}, refusing what it refuses. Only the bytes checks look at are read:
 * AC symbols and quantization values are skipped; DC symbols are read for a check made when
 * decoding starts ({@link JpegScanHeader}).
 *
 * <p>Each reader is given the segment's length field, already read and at least 2, and leaves the
 * stream at the segment's end. A table that claims more bytes than its segment has left is refused
 * without reading past the segment: libjpeg reads on into the next segment and then refuses the
 * length, so the verdict is the same. Which tables were defined is kept for the first scan's
 * references ({@link JpegScanHeader}).
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
    /** A DC symbol is a difference's bit count: at most 15 for 8-bit samples (jpeg_make_d_derived_tbl). */
    private static final int MAX_DC_SYMBOL = 15;
    /** DCTSIZE2: a quantization table has 64 entries, of 1 byte (precision 0) or 2 (any other). */
    private static final int QUANT_ENTRIES = 64;

    private final boolean[] quantization = new boolean[TABLE_SLOTS];
    private final HuffmanTable[] dcHuffman = new HuffmanTable[TABLE_SLOTS];
    private final HuffmanTable[] acHuffman = new HuffmanTable[TABLE_SLOTS];

    /**
     * A Huffman table as the last DHT defining its slot left it.
     *
     * @param flaw what jpeg_make_d_derived_tbl refuses in it when a scan starts using it, or null
     */
    record HuffmanTable(long definedAt, String flaw) {
    }

    boolean hasQuantization(int index) {
        return index < TABLE_SLOTS && quantization[index];
    }

    /** The table in this slot, or null if no DHT defined it (or the slot does not exist). */
    HuffmanTable huffman(boolean dc, int index) {
        return index < TABLE_SLOTS ? (dc ? dcHuffman : acHuffman)[index] : null;
    }

    /** Whether libjpeg reads this segment's content during the header read, rather than skipping it. */
    static boolean isTableSegment(int marker) {
        return marker == DHT || marker == DQT || marker == DAC || marker == DRI;
    }

    void read(ImageBytes in, int marker, int length, long at) throws IOException, ImageRejected {
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
    private void readHuffman(ImageBytes in, int length, long at) throws IOException, ImageRejected {
        int left = length - 2;
        while (left > HUFFMAN_TABLE_HEAD - 1) {
            int classAndIndex = in.u8();
            boolean dc = (classAndIndex & 0x10) == 0;
            int[] counts = new int[17];
            int symbols = 0;
            for (int bits = 1; bits <= 16; bits++) {
                counts[bits] = in.u8();
                symbols += counts[bits];
            }
            left -= HUFFMAN_TABLE_HEAD;
            if (symbols > MAX_HUFFMAN_SYMBOLS || symbols > left) {
                throw new ImageRejected(String.format("JPEG Huffman table segment (DHT at byte %d) has a table whose"
                        + " code counts add up to %d symbols, more than %s; decoders refuse it", at, symbols,
                        symbols > MAX_HUFFMAN_SYMBOLS ? "256" : "the segment has left (" + left + ")"));
            }
            int largestSymbol = dc ? largest(in, symbols) : -1; // AC symbols are any byte
            if (!dc) {
                in.skip(symbols);
            }
            left -= symbols;
            int index = dc ? classAndIndex : classAndIndex - 0x10;
            if (index >= TABLE_SLOTS) {
                throw new ImageRejected(String.format("JPEG Huffman table segment (DHT at byte %d) defines table"
                        + " %02X: class %d, index %d; decoders accept class 0 (DC) or 1 (AC) and index 0-3", at,
                        classAndIndex, classAndIndex >> 4, classAndIndex & 0x0F));
            }
            String flaw = !formsCode(counts) ? "whose code counts do not make a Huffman code"
                    : largestSymbol > MAX_DC_SYMBOL ? "whose symbols go up to " + largestSymbol + " (at most 15)" : null;
            (dc ? dcHuffman : acHuffman)[index] = new HuffmanTable(at, flaw);
        }
        if (left != 0) {
            throw new ImageRejected(String.format("JPEG Huffman table segment (DHT at byte %d) has length %d, which"
                    + " its tables do not fill: %d bytes are left over; decoders refuse it", at, length, left));
        }
    }

    private static int largest(ImageBytes in, int count) throws IOException {
        int largest = -1;
        for (int i = 0; i < count; i++) {
            largest = Math.max(largest, in.u8());
        }
        return largest;
    }

    /**
     * jpeg_make_d_derived_tbl's check of the counts (indexed by code length, 1-16): codes assigned
     * in canonical order must fit their lengths, none of them all ones.
     */
    static boolean formsCode(int[] counts) {
        int longest = 16;
        while (longest > 0 && counts[longest] == 0) {
            longest--;
        }
        long code = 0;
        for (int length = 1; length <= longest; length++) {
            code += counts[length];
            if (code >= 1L << length) {
                return false;
            }
            code <<= 1;
        }
        return true;
    }

    /**
     * libjpeg's get_dqt: tables while bytes are left; each names precision and index in one byte
     * (the index must be 0-3; libjpeg reads any precision other than 0 as 16-bit entries and
     * refuses none), then 64 entries; the tables must fill the segment exactly.
     */
    private void readQuantization(ImageBytes in, int length, long at) throws IOException, ImageRejected {
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
            quantization[index] = true;
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
