package dev.vodelement.image.inspect;

import java.io.IOException;
import java.net.URI;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import dev.vodelement.image.Deadline;
import dev.vodelement.image.Figures;
import dev.vodelement.image.ImageRejected;
import dev.vodelement.image.address.AddressGuard;
import dev.vodelement.image.fetch.RangedFetch;
import dev.vodelement.image.http.HopFollower;
import dev.vodelement.image.http.ImageHttpClient;
import dev.vodelement.image.http.Transfer;
import dev.vodelement.image.format.ProbedImage;

/**
 * Checks one image URL: the first ranged GET gives the total size (a file over 10 MiB is refused
 * from the headers, its body unread), the prober reads what it needs as ranges arrive
 * ({@link RangedFetch}), and the connection is closed as soon as it knows. When no answer told the
 * size, one more small request (or, for a server that ignores ranges, reading on) decides it. No
 * thread waits for any of it: the result is a future.
 */
final class UrlProbe {

    /** What a probe found and what it cost. */
    record Result(ProbedImage image, long totalBytes, int requests, long bytesReceived, long bodyBytesRead) {
    }

    private static final RangedFetch.SizeRule TEN_MIB = new RangedFetch.SizeRule(ImageRules.MAX_BYTES,
            "10 MiB (" + Figures.bytes(ImageRules.MAX_BYTES) + ")", ImageRules::tooLarge);

    private final Vertx vertx;
    private final AddressGuard guard;
    private final ImageHttpClient http;
    private final ProbeLimits limits;

    UrlProbe(Vertx vertx, AddressGuard guard, ImageHttpClient http, ProbeLimits limits) {
        this.vertx = vertx;
        this.guard = guard;
        this.http = http;
        this.limits = limits;
    }

    /** The probe's result, or a failed future carrying the {@link ImageRejected} verdict. */
    Future<Result> run(String url, Deadline deadline) {
        URI uri;
        try {
            uri = AddressGuard.parse(url);
        } catch (ImageRejected e) {
            return Future.failedFuture(e);
        }
        Transfer transfer = new Transfer();
        HopFollower hops = new HopFollower(guard, http, limits.maxRedirects(), deadline, transfer, uri);
        RangedFetch fetch = new RangedFetch(vertx, hops, TEN_MIB, limits.maxBytesPerImage(),
                limits.firstRangeBytes(), limits.maxRequestsPerImage());
        return fetch.run()
                .map(fetched -> new Result(fetched.image(), fetched.total(), fetched.requests(),
                        transfer.bytesReceived(), fetched.bodyBytes()))
                .recover(e -> Future.failedFuture(e instanceof ImageRejected ? e
                        : new ImageRejected("could not read the image: "
                                + (e instanceof IOException io ? reason(io) : "the connection failed"))));
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
}
