package dev.vodelement.image.inspect;

import java.io.IOException;
import java.net.URI;

import dev.vodelement.image.Deadline;
import dev.vodelement.image.Figures;
import dev.vodelement.image.ImageRejected;
import dev.vodelement.image.address.AddressGuard;
import dev.vodelement.image.fetch.ContentRange;
import dev.vodelement.image.fetch.HopFollower;
import dev.vodelement.image.fetch.HttpAnswer;
import dev.vodelement.image.fetch.ImageHttpClient;
import dev.vodelement.image.fetch.RangedImageStream;
import dev.vodelement.image.fetch.Transfer;
import dev.vodelement.image.format.HeaderProber;
import dev.vodelement.image.format.ProbedImage;

/**
 * Checks one image URL: the first ranged GET gives the total size (a file over 10 MiB is refused
 * from the headers, its body unread), the prober reads what it needs through a
 * {@link RangedImageStream}, and the connection is closed as soon as it knows. When no answer told
 * the size, one more small request (or, for a server that ignores ranges, reading on) decides it.
 */
final class UrlProbe {

    /** What a probe found and what it cost. */
    record Result(ProbedImage image, long totalBytes, int requests, long bytesReceived, long bodyBytesRead) {
    }

    private final AddressGuard guard;
    private final ImageHttpClient http;
    private final ProbeLimits limits;

    UrlProbe(AddressGuard guard, ImageHttpClient http, ProbeLimits limits) {
        this.guard = guard;
        this.http = http;
        this.limits = limits;
    }

    Result run(String url, Deadline deadline) throws ImageRejected {
        URI uri = AddressGuard.parse(url);
        Transfer transfer = new Transfer();
        HopFollower requests = new HopFollower(guard, http, limits.maxRedirects(), deadline, transfer, uri);
        RangedImageStream stream = new RangedImageStream(requests, transfer, limits.maxBytesPerImage(),
                limits.firstRangeBytes(), limits.maxRequestsPerImage());
        try {
            stream.start();
            if (stream.total() > ImageRules.MAX_BYTES) {
                throw new ImageRejected(ImageRules.tooLarge(stream.total()));
            }
            ProbedImage image = probe(stream);
            long total = stream.total() >= 0 ? stream.total() : sizeOf(stream, requests);
            if (total > ImageRules.MAX_BYTES) {
                // a size first told by a later answer than the first
                throw new ImageRejected(ImageRules.tooLarge(total));
            }
            stream.close();
            return new Result(image, total, transfer.requests(), transfer.bytesReceived(), stream.bodyBytes());
        } catch (ImageRejected e) {
            throw e;
        } catch (IOException e) {
            throw new ImageRejected("could not read the image: " + reason(e));
        } finally {
            stream.close();
        }
    }

    /**
     * The I/O failure's own words ("Connection reset"), unless they are a wrapped exception's
     * {@code toString()}: callers never see class names.
     */
    static String reason(IOException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank() || message.matches("(?s).*\\b[a-z]+(\\.[a-z0-9_]+)+\\.[A-Z]\\w*.*")) {
            return "the connection failed";
        }
        return message;
    }

    private static ProbedImage probe(RangedImageStream stream) throws IOException {
        try {
            return HeaderProber.probe(stream);
        } catch (ImageRejected e) {
            if (stream.cutShort()) {
                String announced = stream.total() >= 0 ? " of the " + Figures.bytes(stream.total()) + " it announced"
                        : "";
                throw new ImageRejected(e.problem() + " (the server stopped sending after "
                        + Figures.bytes(stream.position()) + announced + ")");
            }
            throw e;
        }
    }

    /**
     * The size when no answer gave it (a chunked 200, or a 206 with {@code Content-Range: bytes
     * 0-N/*}). With ranges, asking for the byte just past 10 MiB decides the rule in one small
     * request: 206 means too large, 416 means it fits (and usually carries the exact size). Without
     * ranges, the only way is to count the body, up to 10 MiB + 1 byte.
     */
    private static long sizeOf(RangedImageStream stream, HopFollower requests) throws IOException {
        if (stream.rangesHonoured()) {
            HttpAnswer probe = requests.open(ImageRules.MAX_BYTES, ImageRules.MAX_BYTES);
            try {
                if (probe.status() == 206) {
                    ContentRange range = ContentRange.ofPartial(probe.header("Content-Range"));
                    if (range != null && range.total() >= 0) {
                        throw new ImageRejected(ImageRules.tooLarge(range.total()));
                    }
                    throw new ImageRejected("size exceeds 10 MiB (" + Figures.bytes(ImageRules.MAX_BYTES)
                            + "): the server has a byte at offset " + String.format("%,d", ImageRules.MAX_BYTES));
                }
                if (probe.status() == 416) {
                    long announced = ContentRange.totalOfUnsatisfied(probe.header("Content-Range"));
                    if (announced >= 0) {
                        stream.learnTotal(announced);
                        return announced;
                    }
                }
            } finally {
                probe.close();
                requests.transfer().received(probe.received());
            }
        }
        long counted = stream.countToEnd(ImageRules.MAX_BYTES);
        if (counted < 0) {
            if (stream.cutShort()) {
                throw new ImageRejected("the server stopped sending after " + Figures.bytes(stream.position())
                        + ", before the end of the image");
            }
            throw new ImageRejected("size exceeds 10 MiB (" + Figures.bytes(ImageRules.MAX_BYTES)
                    + "): the server sent no size and more bytes than that");
        }
        return counted;
    }
}
