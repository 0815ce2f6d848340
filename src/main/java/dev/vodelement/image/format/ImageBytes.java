package dev.vodelement.image.format;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * Big-endian reads over an image's byte stream, counting the position. Skips go through
 * {@link InputStream#skip}, so the stream decides how to skip: read through, or jump with a new
 * range request ({@code image.fetch.RangedImageStream}). Nothing skipped is ever kept.
 */
public final class ImageBytes {

    /** Enough to tell an SVG or HTML page from an image by its first tag. */
    public static final int MAX_PEEK = 256;

    private final PushbackInputStream in;
    private long position;

    ImageBytes(InputStream in) {
        this.in = new PushbackInputStream(in, MAX_PEEK);
    }

    /** Offset of the next byte from the start of the file. */
    public long position() {
        return position;
    }

    /** Up to {@code count} next bytes without consuming them; fewer only at the end of the file. */
    public byte[] peek(int count) throws IOException {
        byte[] buffer = new byte[Math.min(count, MAX_PEEK)];
        int filled = 0;
        while (filled < buffer.length) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        in.unread(buffer, 0, filled);
        return filled == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, filled);
    }

    public int u8() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        position++;
        return b;
    }

    public int u16() throws IOException {
        return (u8() << 8) | u8();
    }

    public long u32() throws IOException {
        return ((long) u16() << 16) | u16();
    }

    public void readFully(byte[] target) throws IOException {
        for (int i = 0; i < target.length; i++) {
            target[i] = (byte) u8();
        }
    }

    /** Skips exactly {@code count} bytes, or throws {@link EOFException} if the file ends first. */
    public void skip(long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                // skip() may legitimately return 0; one read tells whether the file has ended
                u8();
                skipped = 1;
            } else {
                position += skipped;
            }
            left -= skipped;
        }
    }
}
