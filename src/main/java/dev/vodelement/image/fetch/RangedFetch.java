package dev.vodelement.image.fetch;

import java.io.IOException;
import java.util.Locale;
import java.util.function.LongFunction;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;

import dev.vodelement.image.Deadline;
import dev.vodelement.image.Figures;
import dev.vodelement.image.ImageRejected;
import dev.vodelement.image.format.ArrivedBytes;
import dev.vodelement.image.format.ProbedImage;
import dev.vodelement.image.http.HopFollower;
import dev.vodelement.image.http.ContentRange;
import dev.vodelement.image.http.HttpAnswer;

/**
 * One image, fetched in ranges as the prober asks for them: what to request and when to stop. No
 * thread of its own: every step runs on one Vert.x event loop, driven by answers and arriving bytes.
 * The prober runs over what has arrived ({@link ArrivedBytes}); when it lacks a byte the current
 * answer will bring, reading goes on, otherwise the connection is closed and a new range starts at
 * that byte, so a long metadata segment is never transferred. Ranges start at the configured size
 * and grow fourfold (up to 1 MiB; after {@code maxRanges}, one open range). A server that ignores
 * ranges (200) is read as one stream, abandoned as soon as the prober knows. When no answer told the
 * size, one request for the byte at the size limit decides it, else the body is counted up to the
 * limit. One timer ends it all at the deadline (DNS, redirects, every range).
 */
public final class RangedFetch {

    /** What the fetch found and what it cost. */
    public record Fetched(ProbedImage image, long total, int requests, long bodyBytes) {
    }

    /** The size rule: the largest size allowed, its words ("10 MiB (10,485,760 bytes)"), the refusal of a size. */
    public record SizeRule(long limit, String words, LongFunction<String> tooLarge) {
    }

    private static final int MAX_RANGE = 1 << 20;
    private static final int GROWTH = 4;

    private final Vertx vertx;
    private final ContextInternal context;
    private final HopFollower hops;
    private final Deadline deadline;
    private final SizeRule size;
    private final long byteCap;
    private final int maxRanges;
    private final Promise<Fetched> result = Promise.promise();
    private final ArrivedBytes bytes = new ArrivedBytes();
    private long nextRangeSize;

    private HttpAnswer answer;
    private boolean answerEnded;
    /** Exclusive end of the bytes the current answer carries; Long.MAX_VALUE when it runs to the end. */
    private long answerEnd;
    /** Offset just past the last byte that arrived from the current (or last) answer. */
    private long received;
    private long total = -1;
    private boolean rangesHonoured = true;
    private boolean cutShort;
    /** Where the bytes end for good, -1 while more may come. */
    private long endAt = -1;
    /** The byte the prober last lacked: it runs again once that byte is here, not on every arrival. */
    private long waitingFor = -1;
    private boolean counting;
    private boolean triedWhole;
    private int ranges;
    private long bodyBytes;
    private ProbedImage image;
    private long deadlineTimer = -1;

    public RangedFetch(Vertx vertx, HopFollower hops, SizeRule size, long byteCap, int firstRangeSize, int maxRanges) {
        this.vertx = vertx;
        // an event loop of its own: callbacks never run on (or wait for) a worker thread, and need no locks
        this.context = ((VertxInternal) vertx).createEventLoopContext();
        this.hops = hops;
        this.deadline = hops.deadline();
        this.size = size;
        this.byteCap = byteCap;
        this.nextRangeSize = Math.max(1, firstRangeSize);
        this.maxRanges = Math.max(1, maxRanges);
    }

    public Future<Fetched> run() {
        on(() -> {
            deadlineTimer = vertx.setTimer(Math.max(1, deadline.remainingMillis()), t -> fail(deadline.timedOut()));
            openAt(0);
        });
        return result.future();
    }

    private void on(Runnable step) {
        if (context.nettyEventLoop().inEventLoop()) {
            step.run();
        } else {
            context.runOnContext(v -> step.run());
        }
    }

    private void openAt(long first) {
        if (ranges >= 2 * maxRanges) {
            fail(new ImageRejected("the server sent the image in too many small pieces (" + ranges + " requests)"));
            return;
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
        hops.open(first, last).onComplete(answered -> on(() -> answered(first, answered)));
    }

    private void answered(long first, AsyncResult<HttpAnswer> answered) {
        if (result.future().isComplete() || answered.failed()) {
            if (answered.succeeded()) {
                answered.result().close();
            }
            fail(answered.cause());
            return;
        }
        HttpAnswer current = answered.result();
        answer = current;
        answerEnded = false;
        try {
            if (first == 0 && !triedWhole && current.status() == 416
                    && ContentRange.totalOfUnsatisfied(current.header("Content-Range")) != 0) {
                // 416 for byte 0 of a file that is not empty: the server refuses ranges; ask for it whole
                closeAnswer();
                triedWhole = true;
                ranges++;
                hops.openWhole().onComplete(whole -> on(() -> answered(0, whole)));
                return;
            }
            if (current.status() == 206) {
                partial(first);
            } else if (current.status() == 200) {
                // the server ignores ranges: from now on, one stream from byte 0
                rangesHonoured = false;
                if (current.contentLength().isPresent()) {
                    learnTotal(current.contentLength().getAsLong());
                }
                answerEnd = Long.MAX_VALUE;
                received = 0;
            } else {
                unsatisfiable(first);
                return;
            }
        } catch (ImageRejected e) {
            fail(e);
            return;
        }
        current.stream(data -> on(() -> {
            if (current == answer) {
                arrived(data);
            }
        }), wasCut -> on(() -> {
            if (current == answer) {
                ended(false);
            }
        }), problem -> on(() -> {
            if (current == answer) {
                fail(problem);
            }
        }));
    }

    private void partial(long first) throws ImageRejected {
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
        answerEnd = range.last() + 1;
        received = range.first();
    }

    private void unsatisfiable(long first) {
        // 416: the file has no byte at `first`, so it is shorter; 416 usually tells its size
        long announced = ContentRange.totalOfUnsatisfied(answer.header("Content-Range"));
        closeAnswer();
        try {
            if (announced >= 0) {
                learnTotal(announced);
            }
            if (total > first) {
                throw new ImageRejected("the server refused the range from byte " + first + " of its "
                        + Figures.bytes(total) + " (HTTP 416)");
            }
        } catch (ImageRejected e) {
            fail(e);
            return;
        }
        endAt = first;
        proceed();
    }

    /** A size any answer told; over the limit, the image is refused at once, its body unread. */
    private void learnTotal(long announced) throws ImageRejected {
        if (total >= 0 && announced != total) {
            throw new ImageRejected("the size changed between requests (" + Figures.bytes(total) + ", then "
                    + Figures.bytes(announced) + ")");
        }
        total = announced;
        if (total > size.limit()) {
            throw new ImageRejected(size.tooLarge().apply(total));
        }
    }

    private void arrived(Buffer data) {
        long at = received;
        long end = Math.min(answerEnd, total >= 0 ? total : Long.MAX_VALUE);
        int n = (int) Math.max(0, Math.min(data.length(), end - at));
        hops.transfer().received(data.length());
        bodyBytes += data.length();
        received += n;
        if (counting && received > size.limit()) {
            fail(new ImageRejected("size exceeds " + size.words() + ": the server sent no size and more bytes than"
                    + " that"));
        } else if (bodyBytes > byteCap) {
            fail(new ImageRejected("stopped after reading " + Figures.bytes(byteCap)
                    + ", the limit per image (vod.image-check.max-bytes-per-image)"));
        } else {
            if (!counting && n > 0) {
                bytes.add(at, n == data.length() ? data.getBytes() : data.getBytes(0, n));
            }
            if (n < data.length() || received >= end) {
                ended(true); // bytes past its range or the file are not image bytes
            } else if (!counting && received > waitingFor) {
                probe();
            }
        }
    }

    /** The current answer has nothing more to give: it ended, was cut, or reached the end of its range. */
    private void ended(boolean reachedItsEnd) {
        answerEnded = true;
        if (answerEnd == Long.MAX_VALUE) {
            endAt = received;
            cutShort = total >= 0 && received < total;
        } else if (!reachedItsEnd && received < answerEnd) {
            cutShort = true; // fewer bytes than its Content-Range announced
            endAt = received;
        } else if (total >= 0 && received >= total) {
            endAt = received;
        }
        proceed();
    }

    private void proceed() {
        if (result.future().isComplete()) {
            return;
        }
        if (counting) {
            countOn();
        } else {
            probe();
        }
    }

    private void probe() {
        ArrivedBytes.Outcome outcome;
        try {
            outcome = bytes.probe(total, endAt);
        } catch (IOException e) {
            fail(e);
            return;
        }
        if (outcome.image() != null) {
            image = outcome.image();
            probed();
        } else if (outcome.rejected() != null) {
            String announced = total >= 0 ? " of the " + Figures.bytes(total) + " it announced" : "";
            fail(!cutShort ? outcome.rejected() : new ImageRejected(outcome.rejected().problem()
                    + " (the server stopped sending after " + Figures.bytes(received) + announced + ")"));
        } else if (answer == null || answerEnded || outcome.missing() < received || outcome.missing() >= answerEnd) {
            // jump: the gap is never transferred
            closeAnswer();
            waitingFor = -1;
            openAt(outcome.missing());
        } else {
            waitingFor = outcome.missing(); // the current answer will bring it
        }
    }

    /** The prober knows; only the size may still be unknown. */
    private void probed() {
        if (total >= 0) {
            done();
        } else if (rangesHonoured) {
            closeAnswer();
            sizeProbe();
        } else {
            counting = true;
            countOn();
        }
    }

    /**
     * With ranges, asking for the byte at the limit decides the rule in one small request: 206 means
     * too large, 416 means it fits (and usually carries the exact size).
     */
    private void sizeProbe() {
        long limit = size.limit();
        hops.open(limit, limit).onComplete(answered -> on(() -> {
            if (answered.succeeded()) {
                answered.result().close();
            }
            if (answered.failed() || result.future().isComplete()) {
                fail(answered.cause());
                return;
            }
            HttpAnswer probe = answered.result();
            if (probe.status() == 206) {
                ContentRange range = ContentRange.ofPartial(probe.header("Content-Range"));
                fail(new ImageRejected(range != null && range.total() > limit ? size.tooLarge().apply(range.total())
                        : "size exceeds " + size.words() + ": the server has a byte at offset "
                                + String.format(Locale.ROOT, "%,d", limit)));
                return;
            }
            long announced = probe.status() == 416 ? ContentRange.totalOfUnsatisfied(probe.header("Content-Range"))
                    : -1;
            try {
                if (announced >= 0) {
                    learnTotal(announced);
                    done();
                    return;
                }
            } catch (ImageRejected e) {
                fail(e);
                return;
            }
            counting = true;
            countOn();
        }));
    }

    /** Counts the bytes to the end of the file, up to the limit: the only way left to learn its size. */
    private void countOn() {
        if (endAt < 0) {
            if (answer == null || answerEnded) {
                closeAnswer();
                openAt(received);
            }
            return; // else the current answer is still coming in
        }
        if (cutShort) {
            fail(new ImageRejected("the server stopped sending after " + Figures.bytes(received)
                    + ", before the end of the image"));
            return;
        }
        try {
            learnTotal(total >= 0 ? total : endAt);
        } catch (ImageRejected e) {
            fail(e);
            return;
        }
        done();
    }

    private void done() {
        finish();
        result.tryComplete(new Fetched(image, total, hops.transfer().requests(), bodyBytes));
    }

    private void fail(Throwable e) {
        finish();
        result.tryFail(e);
    }

    private void finish() {
        if (deadlineTimer >= 0) {
            vertx.cancelTimer(deadlineTimer);
            deadlineTimer = -1;
        }
        closeAnswer();
    }

    private void closeAnswer() {
        HttpAnswer closing = answer;
        answer = null; // first forget it: its reset reports itself to handlers that must ignore it
        if (closing != null) {
            closing.close();
        }
    }
}
