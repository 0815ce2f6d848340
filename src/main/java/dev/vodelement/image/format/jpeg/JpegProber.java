package dev.vodelement.image.format.jpeg;

import java.io.EOFException;
import java.io.IOException;

import dev.vodelement.image.ImageRejected;
import dev.vodelement.image.format.ImageBytes;
import dev.vodelement.image.format.ImageFormat;
import dev.vodelement.image.format.ProbedImage;

/**
 * Reads a JPEG's dimensions by walking its segments from the start, the way libjpeg's
 * {@code jpeg_read_header} does, and refuses what libjpeg (and so VOD) cannot decode. Searching
 * for the first {@code FF C0} instead would find the EXIF thumbnail's frame header, which sits
 * inside the APP1 segment; walking by length fields skips that payload (without reading it when
 * the stream can jump) and finds the real one however far in.
 *
 * <p>The walk goes on past the frame header to the first scan header (SOS), as libjpeg's does:
 * a second frame header or an unknown marker there is as fatal as before it, and a file that
 * ends before its first scan has no image. The segments libjpeg reads rather than skips on the
 * way (DHT, DQT, DAC, DRI: {@link JpegTables}; the scan header) are checked as it checks them.
 * The entropy-coded data after SOS is never read.
 * Accepted: 8-bit baseline, extended sequential and progressive Huffman frames (SOF0, SOF1,
 * SOF2) of 1, 3 or 4 components, each side at most 65,500 px (libjpeg's JPEG_MAX_DIMENSION).
 */
public final class JpegProber {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int TEM = 0x01;
    /** length(2) + precision(1) + height(2) + width(2) + component count(1). */
    private static final int FRAME_HEADER_FIXED = 8;
    /** libjpeg's JPEG_MAX_DIMENSION: a larger side is refused ("Maximum supported image dimension"). */
    static final int MAX_SIDE = 65_500;
    private static final int SUPPORTED_PRECISION = 8;

    private JpegProber() {
    }

    public static ProbedImage probe(ImageBytes in) throws IOException, ImageRejected {
        JpegFrame frame = null;
        JpegTables tables = new JpegTables();
        try {
            in.u16(); // FF D8, already recognised by the sniffer
            while (true) {
                long markerAt = in.position();
                int marker = nextMarker(in);
                long at = in.position() - 2;
                if (isFrameHeader(marker)) {
                    if (frame != null) {
                        throw new ImageRejected(String.format("JPEG has a second frame header (FF %02X at byte %d)"
                                + " before its first scan; decoders refuse it", marker, at));
                    }
                    frame = readFrameHeader(in, marker, at);
                    continue;
                }
                if (marker == SOS) {
                    if (frame == null) {
                        throw new ImageRejected("JPEG scan starts (SOS marker at byte " + at
                                + ") before any frame header, so it has no dimensions");
                    }
                    JpegScanHeader.read(in, frame, tables, at);
                    return new ProbedImage(ImageFormat.JPEG, frame.width(), frame.height(), in.position());
                }
                if (marker == EOI) {
                    throw new ImageRejected("JPEG ends (EOI marker at byte " + markerAt + ") before "
                            + (frame == null ? "any frame header" : "its first scan, so it has no image"));
                }
                if (marker == SOI) {
                    throw new ImageRejected("JPEG has a second start-of-image marker at byte " + at);
                }
                String unsupported = unsupported(marker);
                if (unsupported != null) {
                    throw new ImageRejected(String.format("JPEG uses %s (marker FF %02X at byte %d), which"
                            + " libjpeg-based decoders refuse", unsupported, marker, at));
                }
                if (hasNoLength(marker)) {
                    continue;
                }
                int length = in.u16();
                if (length < 2) {
                    throw new ImageRejected(String.format("JPEG segment FF %02X at byte %d has an invalid length %d",
                            marker, at, length));
                }
                if (JpegTables.isTableSegment(marker)) {
                    tables.read(in, marker, length, at);
                } else {
                    in.skip(length - 2L);
                }
            }
        } catch (EOFException e) {
            throw new ImageRejected("JPEG ends after " + in.position() + " bytes, before its "
                    + (frame == null ? "frame header (SOF)" : "first scan (SOS), so it has no image"));
        }
    }

    /**
     * Like libjpeg's next_marker: bytes other than FF before a marker are skipped (libjpeg warns
     * and decodes such files), FF fill bytes are swallowed (ITU T.81 B.1.1.2), and FF 00 is a
     * stuffed data byte, not a marker.
     */
    private static int nextMarker(ImageBytes in) throws IOException {
        while (true) {
            int c = in.u8();
            while (c != 0xFF) {
                c = in.u8();
            }
            do {
                c = in.u8();
            } while (c == 0xFF);
            if (c != 0) {
                return c;
            }
        }
    }

    /** The frame headers a decoder accepts: SOF0 baseline, SOF1 extended sequential, SOF2 progressive. */
    static boolean isFrameHeader(int marker) {
        return marker == 0xC0 || marker == 0xC1 || marker == 0xC2;
    }

    /**
     * What a marker announces that libjpeg does not decode, or null. libjpeg stops with "Unsupported
     * JPEG process" on the other SOF types and JPG, and with "Unsupported marker type" on DHP, EXP,
     * JPGn and the reserved markers (it reads them as signs of incompatible JPEG extensions).
     * Arithmetic coding (SOF9/SOF10) is refused too: libjpeg-turbo can be built without it, and
     * browsers and the JDK do not decode it. 12-bit and lossless (SOF3) need the 12/16-bit APIs
     * that ordinary 8-bit pipelines never call.
     */
    static String unsupported(int marker) {
        return switch (marker) {
            case 0xC3 -> "lossless coding (SOF3)";
            case 0xC5, 0xC6, 0xC7, 0xCD, 0xCE, 0xCF -> "hierarchical (differential) coding";
            case 0xC9, 0xCA, 0xCB -> "arithmetic coding";
            case 0xC8 -> "the reserved JPG marker";
            case 0xDE -> "hierarchical progression (DHP)";
            case 0xDF -> "reference component expansion (EXP)";
            default -> {
                if (marker >= 0xF0 && marker <= 0xFD) {
                    yield "a reserved JPEG extension marker (JPGn)";
                }
                if (marker >= 0x02 && marker <= 0xBF) {
                    yield "a reserved marker";
                }
                yield null;
            }
        };
    }

    /** RST0-7 and TEM are bare markers; every other marker is followed by a length. */
    private static boolean hasNoLength(int marker) {
        return (marker >= 0xD0 && marker <= 0xD7) || marker == TEM;
    }

    /** libjpeg's get_sof and the checks of its initial_setup, on the whole frame header. */
    private static JpegFrame readFrameHeader(ImageBytes in, int marker, long at) throws IOException, ImageRejected {
        int length = in.u16();
        if (length < FRAME_HEADER_FIXED) {
            throw new ImageRejected(String.format("JPEG frame header FF %02X at byte %d is too short (length %d)",
                    marker, at, length));
        }
        int precision = in.u8();
        int height = in.u16();
        int width = in.u16();
        int components = in.u8();
        if (height == 0) {
            throw new ImageRejected("JPEG frame header declares height 0 (the height is in a DNL marker after the"
                    + " first scan), which libjpeg-based decoders refuse");
        }
        if (width == 0) {
            throw new ImageRejected("JPEG frame header declares width 0");
        }
        if (precision != SUPPORTED_PRECISION) {
            throw new ImageRejected("JPEG has " + precision + "-bit samples; only 8-bit JPEGs are decoded");
        }
        if (width > MAX_SIDE || height > MAX_SIDE) {
            throw new ImageRejected(String.format("JPEG is %d x %d px; decoders refuse sides over %,d px", width,
                    height, MAX_SIDE));
        }
        if (components != 1 && components != 3 && components != 4) {
            throw new ImageRejected("JPEG frame header declares " + components + " components; only 1 (grey),"
                    + " 3 (colour) or 4 (CMYK) are decoded");
        }
        if (length != FRAME_HEADER_FIXED + 3 * components) {
            throw new ImageRejected(String.format("JPEG frame header FF %02X at byte %d has length %d, but %d"
                    + " components need %d", marker, at, length, components, FRAME_HEADER_FIXED + 3 * components));
        }
        int[] ids = new int[components];
        int[] blocks = new int[components];
        int[] quantizationTables = new int[components];
        for (int i = 0; i < components; i++) {
            ids[i] = in.u8();
            int sampling = in.u8();
            int table = in.u8();
            int horizontal = sampling >> 4;
            int vertical = sampling & 0x0F;
            if (horizontal < 1 || horizontal > 4 || vertical < 1 || vertical > 4) {
                throw new ImageRejected(String.format("JPEG component %d has sampling factors %dx%d; decoders"
                        + " accept 1 to 4", i + 1, horizontal, vertical));
            }
            if (table > 3) {
                throw new ImageRejected("JPEG component " + (i + 1) + " uses quantization table " + table
                        + "; there are 4 (0-3)");
            }
            blocks[i] = horizontal * vertical;
            quantizationTables[i] = table;
        }
        return new JpegFrame(width, height, marker == 0xC2, ids, blocks, quantizationTables);
    }
}
