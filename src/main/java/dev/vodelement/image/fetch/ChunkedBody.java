package dev.vodelement.image.fetch;

import java.io.IOException;
import java.io.InputStream;

import dev.vodelement.image.ImageRejected;

/** Decodes {@code Transfer-Encoding: chunked} (RFC 9112 section 7.1); trailers are read and dropped. */
final class ChunkedBody extends BlockInputStream {

    private static final int MAX_LINE = 4096;

    private final InputStream in;
    private long chunkLeft;
    private boolean finished;

    ChunkedBody(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (finished) {
            return -1;
        }
        if (chunkLeft == 0) {
            chunkLeft = nextChunkSize();
            if (chunkLeft == 0) {
                finished = true;
                while (!HttpHeadReader.readLine(in, MAX_LINE).isEmpty()) {
                    // trailer fields: not needed
                }
                return -1;
            }
        }
        int n = in.read(buffer, offset, (int) Math.min(length, chunkLeft));
        if (n < 0) {
            throw ImageRejected.unreachable("server closed the connection in the middle of a chunk");
        }
        chunkLeft -= n;
        if (chunkLeft == 0) {
            if (!HttpHeadReader.readLine(in, MAX_LINE).isEmpty()) {
                throw new ImageRejected("server sent a malformed chunked body");
            }
        }
        return n;
    }

    private long nextChunkSize() throws IOException {
        String line = HttpHeadReader.readLine(in, MAX_LINE);
        int end = 0;
        while (end < line.length() && Character.digit(line.charAt(end), 16) >= 0) {
            end++;
        }
        if (end == 0 || end > 15) {
            throw new ImageRejected("server sent a malformed chunked body");
        }
        return Long.parseLong(line.substring(0, end), 16);
    }
}
