package dev.vodelement.image.format;

import java.io.ByteArrayOutputStream;

/** Builds JPEG byte sequences segment by segment, for the cases no encoder writes on request. */
final class JpegFixture {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static JpegFixture soi() {
        JpegFixture fixture = new JpegFixture();
        fixture.raw(0xFF, 0xD8);
        return fixture;
    }

    JpegFixture raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    JpegFixture raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** A segment with a length field and {@code payloadLength} zero bytes. */
    JpegFixture segment(int marker, int payloadLength) {
        raw(0xFF, marker, (payloadLength + 2) >> 8, (payloadLength + 2) & 0xFF);
        out.writeBytes(new byte[payloadLength]);
        return this;
    }

    /** A frame header (or DHP) with one component. */
    JpegFixture frame(int marker, int width, int height) {
        return raw(0xFF, marker, 0x00, 0x0B, 0x08, height >> 8, height & 0xFF, width >> 8, width & 0xFF, 0x01, 0x01,
                0x11, 0x00);
    }

    /** A scan header, a few entropy-coded bytes with a stuffed FF 00, and EOI. */
    JpegFixture scanAndEnd() {
        return raw(0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD9);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    int size() {
        return out.size();
    }
}
