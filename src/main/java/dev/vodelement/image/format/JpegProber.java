package dev.vodelement.image.format;

import java.io.EOFException;
import java.io.IOException;

import dev.vodelement.image.ImageRejected;

/**
 * Reads a JPEG's dimensions by walking its segments from the start, the way libjpeg does, and
 * stops at the first frame header. Searching for the first {@code FF C0} instead would find the
 * EXIF thumbnail's frame header, which sits inside the APP1 segment; walking by length fields skips
 * that payload (without reading it when the stream can jump) and finds the real one however far in.
 */
final class JpegProber {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    /** Define Hierarchical Progression: in a hierarchical JPEG it gives the full image size. */
    private static final int DHP = 0xDE;
    private static final int TEM = 0x01;
    /** length(2) + precision(1) + height(2) + width(2) + component count(1). */
    private static final int MIN_FRAME_HEADER_LENGTH = 8;

    private JpegProber() {
    }

    static ProbedImage probe(ImageBytes in) throws IOException, ImageRejected {
        try {
            in.u16(); // FF D8, already recognised by the sniffer
            while (true) {
                long markerAt = in.position();
                int marker = nextMarker(in);
                if (isFrameHeader(marker)) {
                    return readFrameHeader(in, marker, in.position() - 2);
                }
                if (marker == EOI) {
                    throw new ImageRejected("JPEG ends (EOI marker at byte " + markerAt + ") before any frame header");
                }
                if (marker == SOS) {
                    throw new ImageRejected("JPEG scan starts (SOS marker at byte " + (in.position() - 2)
                            + ") before any frame header, so it has no dimensions");
                }
                if (marker == SOI) {
                    throw new ImageRejected("JPEG has a second start-of-image marker at byte " + (in.position() - 2));
                }
                if (hasNoLength(marker)) {
                    continue;
                }
                int length = in.u16();
                if (length < 2) {
                    throw new ImageRejected(String.format("JPEG segment FF %02X at byte %d has an invalid length %d",
                            marker, in.position() - 4, length));
                }
                in.skip(length - 2L);
            }
        } catch (EOFException e) {
            throw new ImageRejected("JPEG ends after " + in.position() + " bytes, before its frame header (SOF)");
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

    /** SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range; and DHP. */
    static boolean isFrameHeader(int marker) {
        boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        return sof || marker == DHP;
    }

    /** RST0-7, SOI, EOI and TEM are bare markers; every other marker is followed by a length. */
    private static boolean hasNoLength(int marker) {
        return (marker >= 0xD0 && marker <= 0xD7) || marker == TEM;
    }

    private static ProbedImage readFrameHeader(ImageBytes in, int marker, long at) throws IOException,
            ImageRejected {
        int length = in.u16();
        if (length < MIN_FRAME_HEADER_LENGTH) {
            throw new ImageRejected(String.format("JPEG frame header FF %02X at byte %d is too short (length %d)",
                    marker, at, length));
        }
        in.u8(); // sample precision
        int height = in.u16();
        int width = in.u16();
        if (height == 0) {
            throw new ImageRejected("JPEG frame header declares height 0 (the height is in a DNL marker after the"
                    + " first scan), which libjpeg-based decoders refuse");
        }
        if (width == 0) {
            throw new ImageRejected("JPEG frame header declares width 0");
        }
        return new ProbedImage(ImageFormat.JPEG, width, height, in.position());
    }
}
