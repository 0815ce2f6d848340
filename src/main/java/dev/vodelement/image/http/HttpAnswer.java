package dev.vodelement.image.http;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Consumer;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;

import dev.vodelement.image.Figures;
import dev.vodelement.image.ImageRejected;

/**
 * One answer whose head is in and whose body is still on the wire, paused until it is taken with
 * {@link #stream}. Vert.x frames the body (Content-Length or chunked), so bytes a server sends past
 * what it announced are never taken as image bytes. The read timeout applies to every silence while
 * the body streams. {@link #close} hangs up: a reset closes the connection (with SO_LINGER 0, at
 * once), which never goes back to a pool.
 */
public final class HttpAnswer {

    private final Vertx vertx;
    private final HttpClientRequest request;
    private final HttpClientResponse response;
    private final ImageHttpClient client;
    private final String host;
    private final OptionalLong contentLength;
    private final boolean chunked;
    private long lastActivity;
    private long silenceTimer = -1;
    private boolean closed;

    HttpAnswer(Vertx vertx, HttpClientRequest request, HttpClientResponse response, ImageHttpClient client, String host) {
        this.vertx = vertx;
        this.request = request;
        this.response = response;
        this.client = client;
        this.host = host;
        this.contentLength = parse(response.getHeader("Content-Length"));
        this.chunked = response.getHeader("Transfer-Encoding") != null;
        response.exceptionHandler(ignored -> { }); // until stream(): a reset of an answer never streamed is no news
    }

    public int status() {
        return response.statusCode();
    }

    /** The first value of a header, by case-insensitive name, or null. */
    public String header(String name) {
        return response.getHeader(name);
    }

    /** Every value of a header. */
    java.util.List<String> headers(String name) {
        return response.headers().getAll(name);
    }

    /** The body length when the body is framed by Content-Length (not chunked, not until-close). */
    public OptionalLong contentLength() {
        return contentLength;
    }

    /**
     * Hands the body over, chunk by chunk, on this answer's event loop. {@code ended} gets whether
     * the body was cut short: the connection closed before a Content-Length body was complete.
     * {@code failed} gets an {@link ImageRejected} naming what went wrong (silence, bad framing).
     */
    public void stream(Consumer<Buffer> data, Consumer<Boolean> ended, Consumer<ImageRejected> failed) {
        lastActivity = System.nanoTime();
        watchSilence(failed);
        response.handler(chunk -> {
            lastActivity = System.nanoTime();
            if (!closed) {
                data.accept(chunk);
            }
        });
        response.endHandler(end -> {
            if (!closed) {
                stopWatching();
                ended.accept(false);
            }
        });
        response.exceptionHandler(e -> {
            if (closed) {
                return;
            }
            stopWatching();
            if (e instanceof HttpClosedException && !chunked) {
                ended.accept(true); // what arrived is all there is
            } else {
                failed.accept(client.problem(e, host, chunked));
            }
        });
        response.resume();
    }

    public void close() {
        closed = true;
        stopWatching();
        request.reset();
    }

    private void watchSilence(Consumer<ImageRejected> failed) {
        Duration timeout = client.readTimeout();
        long wait = Math.max(1, (lastActivity + timeout.toNanos() - System.nanoTime()) / 1_000_000);
        silenceTimer = vertx.setTimer(wait, t -> {
            silenceTimer = -1;
            if (closed) {
                return;
            }
            if (System.nanoTime() - lastActivity >= timeout.toNanos()) {
                failed.accept(ImageRejected.unreachable("server " + host + " sent nothing for "
                        + Figures.duration(timeout)));
            } else {
                watchSilence(failed);
            }
        });
    }

    private void stopWatching() {
        if (silenceTimer >= 0) {
            vertx.cancelTimer(silenceTimer);
            silenceTimer = -1;
        }
    }

    private static OptionalLong parse(String value) {
        // Vert.x (netty) has already refused invalid or conflicting values
        try {
            return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
