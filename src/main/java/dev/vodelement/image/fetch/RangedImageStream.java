package dev.vodelement.image.fetch;

import java.io.IOException;
import java.io.InputStream;

import dev.vodelement.image.Figures;
import dev.vodelement.image.ImageRejected;

/**
 * An image's bytes from offset 0, fetched in ranges as the prober asks for them. Reading past the
 * current range opens the next one; {@link #skip} past it (a long APP segment) does not read the
 * gap but closes the connection and asks for a range at the target. A server that ignores ranges
 * (200 with the whole body) is read as one stream and skips read through it, bounded by the byte
 * cap. Ranges start at the configured size and grow fourfold with each request (up to 1 MiB), so a
 * file whose frame header hides behind many segments costs a few round trips, not one per segment:
 * a round trip (a new connection, often a TLS handshake) costs far more than a few dozen KB.
 */
public final class RangedImageStream extends BlockInputStream {

    /** Sends a GET for bytes {@code first}..{@code last} ({@code last} -1: to the end), following redirects. */
    interface Requests {
        HttpAnswer open(long first, long last) throws IOException;

        /** Sends a GET without Range, for servers that refuse ranges outright. */
        HttpAnswer openWhole() throws IOException;
    }

    private static final int MAX_RANGE = 1 << 20;
    private static final int GROWTH = 4;
    private static final int DISCARD_BUFFER = 8192;

    private final Requests requests;
    private final Transfer transfer;
    private final long byteCap;
    private final int maxRanges;
    private long nextRangeSize;

    private HttpAnswer answer;
    private InputStream body;
    /** Offset of the next byte this stream returns. */
    private long position;
    /** Exclusive end of the bytes the current answer carries; Long.MAX_VALUE when it runs to the end. */
    private long answerEnd;
    private long total = -1;
    private boolean rangesHonoured = true;
    private boolean endOfFile;
    private boolean cutShort;
    private int ranges;
    private long bodyBytes;
    private final byte[] discard = new byte[DISCARD_BUFFER];

    public RangedImageStream(Requests requests, Transfer transfer, long byteCap, int firstRangeSize, int maxRanges) {
        this.requests = requests;
        this.transfer = transfer;
        this.byteCap = byteCap;
        this.nextRangeSize = Math.max(1, firstRangeSize);
        this.maxRanges = Math.max(1, maxRanges);
    }

    /** Sends the first request, whose answer tells the total size when the server knows it. */
    public void start() throws IOException {
        openAt(0);
    }

    /** The file's size from Content-Range or Content-Length, -1 while unknown. */
    public long total() {
        return total;
    }

    public boolean rangesHonoured() {
        return rangesHonoured;
    }

    /** True when an answer ended before the bytes it announced: the body was cut short. */
    public boolean cutShort() {
        return cutShort;
    }

    public long position() {
        return position;
    }

    /** Body bytes read from every answer, skipped-through bytes included. */
    public long bodyBytes() {
        return bodyBytes;
    }

    /** Records what another request (such as a size probe) told about the total size. */
    public void learnTotal(long announced) throws ImageRejected {
        if (total >= 0 && announced != total) {
            throw new ImageRejected("the size changed between requests (" + Figures.bytes(total) + ", then "
                    + Figures.bytes(announced) + ")");
        }
        total = announced;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!ensureAnswer()) {
            return -1;
        }
        long limit = Math.min(length, answerEnd - position);
        if (total >= 0) {
            limit = Math.min(limit, total - position);
        }
        int n = body.read(buffer, offset, (int) limit);
        if (n < 0) {
            // the answer carried fewer bytes than its Content-Range/Content-Length announced
            cutShort = answerEnd != Long.MAX_VALUE || total >= 0;
            endOfFile = true;
            return -1;
        }
        position += n;
        count(n);
        return n;
    }

    @Override
    public long skip(long count) throws IOException {
        if (count <= 0) {
            return 0;
        }
        long target = position + count;
        if (total >= 0) {
            target = Math.min(target, total);
        }
        if (rangesHonoured && (body == null || target > answerEnd)) {
            // jump: the gap is never transferred
            closeAnswer();
            long skipped = target - position;
            position = target;
            return skipped;
        }
        long wanted = target - position;
        long skipped = 0;
        while (skipped < wanted) {
            int n = read(discard, 0, (int) Math.min(discard.length, wanted - skipped));
            if (n < 0) {
                break;
            }
            skipped += n;
        }
        return skipped;
    }

    /**
     * Reads to the end of the file to learn its size, giving up once it exceeds {@code limit}.
     *
     * @return the size, or -1 when it is larger than {@code limit}
     */
    public long countToEnd(long limit) throws IOException {
        while (position <= limit) {
            if (read(discard, 0, (int) Math.min(discard.length, limit + 1 - position)) < 0) {
                return cutShort ? -1 : position;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        closeAnswer();
    }

    private boolean ensureAnswer() throws IOException {
        if (total >= 0 && position >= total) {
            return false;
        }
        if (body != null && position < answerEnd) {
            return true;
        }
        if (endOfFile || (body != null && !rangesHonoured)) {
            return false;
        }
        closeAnswer();
        openAt(position);
        return body != null && position < answerEnd;
    }

    private void openAt(long first) throws IOException {
        if (ranges >= 2 * maxRanges) {
            throw new ImageRejected("the server sent the image in too many small pieces (" + ranges + " requests)");
        }
        long last = -1;
        if (ranges < maxRanges - 1) {
            last = first + nextRangeSize - 1;
            if (total >= 0) {
                last = Math.min(last, total - 1);
            }
            nextRangeSize = Math.min(MAX_RANGE, nextRangeSize * GROWTH);
        }
        ranges++;
        answer = requests.open(first, last);
        if (first == 0 && answer.status() == 416
                && ContentRange.totalOfUnsatisfied(answer.header("Content-Range")) != 0) {
            // 416 for byte 0 of a file that is not empty: the server refuses ranges; ask for it whole
            closeAnswer();
            ranges++;
            answer = requests.openWhole();
        }
        switch (answer.status()) {
            case 206 -> partial(first);
            case 200 -> whole(first);
            default -> unsatisfiable(first);
        }
    }

    private void partial(long first) throws IOException {
        ContentRange range = ContentRange.ofPartial(answer.header("Content-Range"));
        if (range == null) {
            throw new ImageRejected("the server answered 206 without a valid Content-Range");
        }
        if (range.first() > first) {
            throw new ImageRejected("the server answered a range from byte " + range.first() + " when byte " + first
                    + " was asked");
        }
        if (answer.contentLength().isPresent() && answer.contentLength().getAsLong() != range.length()) {
            throw new ImageRejected("the server's Content-Length (" + answer.contentLength().getAsLong()
                    + ") does not match its Content-Range (" + range.length() + " bytes)");
        }
        if (range.total() >= 0) {
            learnTotal(range.total());
        }
        body = answer.body();
        answerEnd = range.last() + 1;
        position = range.first();
        readThrough(first);
    }

    private void whole(long first) throws IOException {
        // the server ignores ranges: from now on, one stream from byte 0
        rangesHonoured = false;
        if (answer.contentLength().isPresent()) {
            learnTotal(answer.contentLength().getAsLong());
        }
        body = answer.body();
        answerEnd = Long.MAX_VALUE;
        position = 0;
        readThrough(first);
    }

    private void unsatisfiable(long first) throws ImageRejected {
        // 416: the file has no byte at `first`, so it is shorter; 416 usually tells its size
        long announced = ContentRange.totalOfUnsatisfied(answer.header("Content-Range"));
        if (announced >= 0) {
            learnTotal(announced);
        }
        if (total > first) {
            throw new ImageRejected("the server refused the range from byte " + first + " of its "
                    + Figures.bytes(total) + " (HTTP 416)");
        }
        closeAnswer();
        endOfFile = true;
    }

    private void readThrough(long target) throws IOException {
        while (position < target) {
            int n = body.read(discard, 0, (int) Math.min(discard.length, target - position));
            if (n < 0) {
                endOfFile = true;
                return;
            }
            position += n;
            count(n);
        }
    }

    private void count(int n) throws ImageRejected {
        bodyBytes += n;
        if (bodyBytes > byteCap) {
            throw new ImageRejected("stopped after reading " + Figures.bytes(byteCap)
                    + ", the limit per image (vod.image-check.max-bytes-per-image)");
        }
    }

    private void closeAnswer() {
        if (answer != null) {
            answer.close();
            transfer.received(answer.received());
        }
        answer = null;
        body = null;
    }
}
