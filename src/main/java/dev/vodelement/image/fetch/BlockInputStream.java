package dev.vodelement.image.fetch;

import java.io.IOException;
import java.io.InputStream;

/** The body streams all read in blocks; the single-byte read is only ever a block of one. */
abstract class BlockInputStream extends InputStream {

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public abstract int read(byte[] buffer, int offset, int length) throws IOException;
}
