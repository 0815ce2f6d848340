package dev.vodelement.image.fetch;

import java.io.IOException;
import java.io.InputStream;

/** A body framed by Content-Length: ends after that many bytes whatever else the server sends. */
final class FixedLengthBody extends BlockInputStream {

    private final InputStream in;
    private long left;

    FixedLengthBody(InputStream in, long length) {
        this.in = in;
        this.left = length;
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
