package dev.vodelement.standin;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Builds JPEG byte sequences segment by segment, for the cases no encoder writes on request
 * (hostile headers, odd markers), and the single segments that {@link ImageSamples} inserts into
 * real JPEGs (EXIF, XMP, ICC).
 */
public final class JpegBuilder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** One marker segment: FF, marker, length, payload. */
    public static byte[] segment(int marker, byte[] payload) {
        if (payload.length > 65533) {
            throw new IllegalArgumentException("a segment payload holds at most 65533 bytes");
        }
        ByteBuffer out = ByteBuffer.allocate(4 + payload.length);
        out.put((byte) 0xFF).put((byte) marker).putShort((short) (payload.length + 2)).put(payload);
        return out.array();
    }

    /** A builder that starts with the SOI marker. */
    public static JpegBuilder soi() {
        JpegBuilder builder = new JpegBuilder();
        builder.raw(0xFF, 0xD8);
        return builder;
    }

    public JpegBuilder raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    public JpegBuilder raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** A segment with a length field and {@code payloadLength} zero bytes. */
    public JpegBuilder segment(int marker, int payloadLength) {
        return raw(segment(marker, new byte[payloadLength]));
    }

    /** A frame header (or DHP) with one component. */
    public JpegBuilder frame(int marker, int width, int height) {
        return raw(0xFF, marker, 0x00, 0x0B, 0x08, height >> 8, height & 0xFF, width >> 8, width & 0xFF, 0x01, 0x01,
                0x11, 0x00);
    }

    /** A scan header, a few entropy-coded bytes with a stuffed FF 00, and EOI. */
    public JpegBuilder scanAndEnd() {
        return raw(0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD9);
    }

    /**
     * What a progressive file needs before its data: the DC table 0 (the standard luminance one:
     * libjpeg fills in no standard tables for progressive scans), a first DC scan of component 1,
     * a few entropy-coded bytes, and EOI.
     */
    public JpegBuilder progressiveScanAndEnd() {
        return raw(0xFF, 0xC4, 0x00, 0x1F, 0x00, 0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7,
                8, 9, 10, 11).raw(0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x12, 0x34, 0xFF, 0xD9);
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    public int size() {
        return out.size();
    }
}
