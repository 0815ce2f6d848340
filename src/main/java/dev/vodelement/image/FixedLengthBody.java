package dev.vodelement.image;

import java.io.IOException;
import java.io.InputStream;

/** A body framed by Content-Length: ends after that many bytes whatever else the server sends. */
final class FixedLengthBody extends InputStream {

    private final InputStream in;
    private long left;

    FixedLengthBody(InputStream in, long length) {
        this.in = in;
        this.left = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (left <= 0) {
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, left));
        if (n > 0) {
            left -= n;
        }
        return n;
    }
}
