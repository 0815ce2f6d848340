package dev.vodelement.image.http;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;

import dev.vodelement.image.Deadline;
import dev.vodelement.image.Figures;
import dev.vodelement.image.ImageRejected;
import dev.vodelement.image.address.CheckedTarget;

/**
 * Sends one GET, possibly ranged, through Vert.x's HTTP client, to an address that
 * {@link dev.vodelement.image.address.AddressGuard} has already checked: the socket goes to that
 * {@link InetAddress} ({@code RequestOptions.setServer}, so nothing is resolved again and DNS
 * rebinding cannot redirect it), while the Host header, TLS SNI and certificate verification use the
 * name from the URL. No keep-alive: an answer abandoned half-read closes its connection.
 */
public final class ImageHttpClient {

    static final String USER_AGENT = "vod-element-image-check/1.0";

    private final Vertx vertx;
    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    /**
     * @param trust whom TLS trusts; null: what the JDK trusts ({@code javax.net.ssl.trustStore*},
     *        else its cacerts), the same as every other outbound client of the function
     */
    public ImageHttpClient(Vertx vertx, TrustOptions trust, Duration connectTimeout, Duration readTimeout) {
        this.vertx = vertx;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(false)
                // closing sends a reset at once (SO_LINGER 0): an abandoned answer stops the server's
                // sending now, not after it has filled the socket buffers a graceful close leaves open
                .setSoLinger(0)
                .setVerifyHost(true)
                .setDecompressionSupported(false)
                .setSslHandshakeTimeout(Math.max(1, readTimeout.toMillis()))
                .setSslHandshakeTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .setName("image-check");
        if (trust != null) {
            options.setTrustOptions(trust);
        }
        // every image has its own connection; the pool only counts them, it must never queue one
        this.http = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(4096).setMaxWaitQueueSize(-1));
    }

    Duration readTimeout() {
        return readTimeout;
    }

    /** Sends {@code GET} with an optional {@code Range} value; the future completes once the answer's head is in. */
    Future<HttpAnswer> send(CheckedTarget target, String range, Deadline deadline) {
        return attempt(target, range, deadline, 0, null);
    }

    /** Tries the checked addresses in turn until one accepts the connection. */
    private Future<HttpAnswer> attempt(CheckedTarget target, String range, Deadline deadline, int index,
            ImageRejected last) {
        if (index >= target.addresses().size()) {
            return Future.failedFuture(last != null ? last
                    : ImageRejected.unreachable("could not connect to " + target.hostHeader()));
        }
        if (deadline.expired()) {
            return Future.failedFuture(deadline.timedOut());
        }
        InetAddress address = target.addresses().get(index);
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, target.port())))
                .setHost(target.tlsName())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.requestTarget())
                .setConnectTimeout(deadline.cap(connectTimeout))
                .setIdleTimeout(Math.max(1, readTimeout.toMillis()))
                .setFollowRedirects(false)
                .putHeader("Host", target.hostHeader())
                .putHeader("User-Agent", USER_AGENT)
                .putHeader("Accept", "image/*, */*;q=0.5")
                .putHeader("Accept-Encoding", "identity")
                .putHeader("Connection", "close");
        if (range != null) {
            options.putHeader("Range", range);
        }
        return http.request(options).transform(connected -> {
            if (connected.failed()) {
                ImageRejected problem = connectProblem(connected.cause(), target, deadline);
                return problem.isUnreachable() && problem.getMessage().startsWith("could not connect")
                        ? attempt(target, range, deadline, index + 1, problem)
                        : Future.failedFuture(problem);
            }
            var request = connected.result();
            // what a hostile server sends after its answer (bytes past Content-Length) is no one's
            // business once the answer is taken: not logged as a connection error
            request.connection().exceptionHandler(ignored -> { });
            return request.send().transform(sent -> {
                if (sent.failed()) {
                    request.reset();
                    return Future.failedFuture(deadline.expired() ? deadline.timedOut()
                            : headProblem(sent.cause(), target.hostHeader()));
                }
                var response = sent.result();
                response.pause();
                return head(new HttpAnswer(vertx, request, response, this, target.hostHeader()), target);
            });
        });
    }

    private static Future<HttpAnswer> head(HttpAnswer answer, CheckedTarget target) {
        for (String encoding : answer.headers("Content-Encoding")) {
            for (String coding : encoding.split(",")) {
                if (!coding.isBlank() && !coding.trim().equalsIgnoreCase("identity")) {
                    answer.close();
                    return Future.failedFuture(new ImageRejected("server " + target.hostHeader() + " sent the image "
                            + coding.trim() + "-encoded although identity was asked, so its bytes cannot be checked"));
                }
            }
        }
        return Future.succeededFuture(answer);
    }

    private ImageRejected connectProblem(Throwable e, CheckedTarget target, Deadline deadline) {
        String where = target.hostHeader();
        if (deadline.expired()) {
            return deadline.timedOut();
        }
        if (e instanceof ConnectTimeoutException) {
            return ImageRejected.unreachable("could not connect to " + where + " within "
                    + Figures.duration(connectTimeout));
        }
        if (e instanceof ConnectException) {
            return ImageRejected.unreachable("could not connect to " + where + " (connection refused)");
        }
        SSLException tls = cause(e, SSLException.class);
        if (tls != null) {
            return tlsProblem(target.tlsName(), tls);
        }
        return ImageRejected.unreachable("could not connect to " + where);
    }

    /**
     * What a failure while waiting for or reading an answer means to a caller, in words without class
     * names: silence, a connection closed early, or an answer HTTP cannot frame.
     */
    /**
     * Vert.x's idle timeout, while the head is awaited, counts whole HTTP messages, not bytes: a head
     * trickled in a byte at a time trips it as silence does, so the words say what is sure.
     */
    private ImageRejected headProblem(Throwable e, String host) {
        if (e instanceof TimeoutException) {
            return ImageRejected.unreachable("server " + host + " sent no complete answer head for "
                    + Figures.duration(readTimeout));
        }
        return problem(e, host, false);
    }

    ImageRejected problem(Throwable e, String host, boolean inChunkedBody) {
        if (e instanceof ImageRejected rejected) {
            return rejected;
        }
        if (e instanceof TimeoutException) {
            return ImageRejected.unreachable("server " + host + " sent nothing for " + Figures.duration(readTimeout));
        }
        if (cause(e, TooLongFrameException.class) != null) {
            return new ImageRejected("server " + host + " sent a header or line longer than the limit");
        }
        DecoderException framing = cause(e, DecoderException.class);
        if (framing != null || cause(e, IllegalArgumentException.class) != null) {
            String detail = String.valueOf((framing != null ? framing : e).getMessage()).toLowerCase(Locale.ROOT);
            if (inChunkedBody || detail.contains("chunk")) {
                return new ImageRejected("server sent a malformed chunked body");
            }
            if (detail.contains("content-length")) {
                return new ImageRejected("server " + host + " sent an invalid or conflicting Content-Length");
            }
            return new ImageRejected("server " + host + " did not answer with HTTP/1.x");
        }
        if (e instanceof HttpClosedException || cause(e, java.io.IOException.class) != null) {
            return ImageRejected.unreachable(inChunkedBody ? "server closed the connection in the middle of a chunk"
                    : "server closed the connection in the middle of its answer");
        }
        return ImageRejected.unreachable("could not read the image: the connection failed");
    }

    /** A short reason, without the exception's class names (callers never see those). */
    private ImageRejected tlsProblem(String name, SSLException e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null && messages.length() < 4096; t = t.getCause() == t ? null : t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        String message = messages.toString().toLowerCase(Locale.ROOT);
        if (message.contains("timed out")) {
            return ImageRejected.unreachable("TLS handshake with " + name + " got no answer for "
                    + Figures.duration(readTimeout));
        }
        if (message.contains("subject alternative") || message.contains("no name matching")) {
            return new ImageRejected("TLS certificate of " + name + " does not name that host");
        }
        if (message.contains("pkix") || message.contains("certification path") || message.contains("certificate")) {
            return new ImageRejected("TLS certificate of " + name + " is not trusted");
        }
        return new ImageRejected("TLS handshake with " + name + " failed");
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
