package dev.vodelement.image.format;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes actually read, not those skipped: shows that a prober skips payloads instead of reading them. */
public final class ReadCountingStream extends FilterInputStream {

    private long read;

    public ReadCountingStream(InputStream in) {
        super(in);
    }

    public long bytesRead() {
        return read;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            read++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            read += n;
        }
        return n;
    }
}
