package dev.vodelement.image.format;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.vodelement.image.ImageRejected;

/**
 * What has arrived of one image, as pieces at their offsets, and the synchronous prober run over
 * it. Bytes are pushed in as the network delivers them; the prober pulls. Each run starts from byte
 * 0 and replays what is here (headers are small, so a run costs microseconds); when it asks for a
 * byte that has not arrived, the run stops with {@link Missing} naming that offset, and the caller
 * decides: keep reading the current answer, or ask for a new range starting there
 * ({@code image.fetch.RangedFetch}). The prober itself stays a plain pull parser over an
 * {@link InputStream}, testable on a byte array.
 *
 * <p>Nothing skipped is kept: after a run stops at offset N, the prober, reading the same bytes
 * again, will read exactly what it read below N, so only those spans and what lies at or past N
 * are kept; a 200 KB metadata segment that streams through costs no memory.
 */
public final class ArrivedBytes {

    /** The next run cannot go on before byte {@code offset} arrives. */
    static final class Missing extends IOException {
        final long offset;

        Missing(long offset) {
            super("byte " + offset + " has not arrived");
            this.offset = offset;
        }

        /** A signal, not a fault: no stack trace. */
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** One run's result: the image, or the rejection, or the first byte it lacked. */
    public record Outcome(ProbedImage image, ImageRejected rejected, long missing) {
    }

    private TreeMap<Long, byte[]> pieces = new TreeMap<>();
    /** Below this offset only the spans the last run read are kept: everything else there was skipped. */
    private long keepFrom;

    /** Keeps the bytes at {@code offset} that a later run may read; pieces never overlap. */
    public void add(long offset, byte[] bytes) {
        long end = offset + bytes.length;
        long at = Math.max(offset, keepFrom);
        while (at < end) {
            Map.Entry<Long, byte[]> before = pieces.floorEntry(at);
            if (before != null && before.getKey() + before.getValue().length > at) {
                at = before.getKey() + before.getValue().length; // already here (a server resending from byte 0)
                continue;
            }
            Long next = pieces.higherKey(at);
            long stop = next == null ? end : Math.min(end, next);
            pieces.put(at, Arrays.copyOfRange(bytes, (int) (at - offset), (int) (stop - offset)));
            at = stop;
        }
    }

    /**
     * Runs the prober over what has arrived.
     *
     * @param total the file's size when known, else -1: no byte at or past it is ever waited for
     * @param endAt where the bytes end for good (an answer ended there and no other will come), else -1;
     *        a skip stops there, so a message tells where the file really ended
     */
    public Outcome probe(long total, long endAt) throws IOException {
        Replay replay = new Replay(total, endAt);
        try {
            return new Outcome(HeaderProber.probe(replay), null, -1);
        } catch (Missing missing) {
            keepOnly(replay.spans, missing.offset);
            return new Outcome(null, null, missing.offset);
        } catch (ImageRejected rejected) {
            return new Outcome(null, rejected, -1);
        }
    }

    private void keepOnly(List<long[]> spans, long from) {
        TreeMap<Long, byte[]> kept = new TreeMap<>(pieces.tailMap(from, true));
        Map.Entry<Long, byte[]> straddling = pieces.lowerEntry(from);
        if (straddling != null && straddling.getKey() + straddling.getValue().length > from) {
            byte[] piece = straddling.getValue();
            kept.put(from, Arrays.copyOfRange(piece, (int) (from - straddling.getKey()), piece.length));
        }
        for (long[] span : spans) {
            long start = span[0];
            long end = Math.min(span[1], from);
            if (start < end) {
                byte[] copy = new byte[(int) (end - start)];
                copyOut(start, copy, 0, copy.length);
                kept.put(start, copy);
            }
        }
        pieces = kept;
        keepFrom = Math.max(keepFrom, from);
    }

    /** Copies bytes that are known to be here; the spans a run read always are. */
    private int copyOut(long position, byte[] target, int offset, int length) {
        Map.Entry<Long, byte[]> piece = pieces.floorEntry(position);
        if (piece == null || piece.getKey() + piece.getValue().length <= position) {
            return 0;
        }
        int from = (int) (position - piece.getKey());
        int n = Math.min(length, piece.getValue().length - from);
        System.arraycopy(piece.getValue(), from, target, offset, n);
        return n;
    }

    /** The bytes as a stream from offset 0, recording which spans the prober reads. */
    private final class Replay extends InputStream {

        private final long total;
        private final long endAt;
        private final List<long[]> spans = new ArrayList<>();
        private long position;

        Replay(long total, long endAt) {
            this.total = total;
            this.endAt = endAt;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (total >= 0 && position >= total) {
                return -1;
            }
            int n = copyOut(position, buffer, offset, total >= 0 ? (int) Math.min(length, total - position) : length);
            if (n == 0) {
                if (endAt >= 0 && position >= endAt) {
                    return -1;
                }
                throw new Missing(position);
            }
            long[] last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
            if (last != null && last[1] == position) {
                last[1] += n;
            } else {
                spans.add(new long[] {position, position + n});
            }
            position += n;
            return n;
        }

        @Override
        public long skip(long count) {
            if (count <= 0) {
                return 0;
            }
            long target = position + count;
            if (total >= 0) {
                target = Math.min(target, total);
            }
            if (endAt >= 0) {
                target = Math.min(target, Math.max(position, endAt));
            }
            long skipped = target - position;
            position = target;
            return skipped;
        }
    }
}
