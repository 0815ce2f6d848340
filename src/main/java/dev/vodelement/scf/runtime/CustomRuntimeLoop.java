package dev.vodelement.scf.runtime;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.jboss.logging.Logger;

import dev.vodelement.invocation.ErrorBody;
import dev.vodelement.invocation.LogValue;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;

/**
 * SCF's Custom Runtime API, client side: {@code POST /runtime/init/ready} once, then for ever
 * {@code GET /runtime/invocation/next} (a long poll: no read timeout), handle the event, and
 * {@code POST /runtime/invocation/response} or {@code /runtime/invocation/error}. One event at a
 * time, as the API hands them out, handled on the loop's own thread (the handler blocks); the HTTP
 * exchanges run on the Vert.x instance the function already has, over one kept-alive connection
 * with TCP_NODELAY, so that no answer waits for a delayed ACK. Knows nothing of Quarkus: a test
 * runs it against a stand-in with a Vert.x of its own.
 */
public final class CustomRuntimeLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(CustomRuntimeLoop.class);
    private static final Duration PAUSE_AFTER_API_FAILURE = Duration.ofSeconds(1);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** For ready and the outcome posts; the long poll for the next event has none. */
    private static final Duration POST_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The header of {@code /runtime/invocation/next} that carries SCF's id of the invocation (header
     * names are case-insensitive).
     */
    static final String REQUEST_ID = "Request_Id";

    /**
     * The header of {@code /runtime/invocation/next} that carries the invocation's time limit in
     * milliseconds (the function's timeout); counted from the moment the event is handed out.
     */
    static final String TIME_LIMIT = "Time_Limit_In_Ms";

    /** Turns an event into its answer; must not throw. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param requestId SCF's id of this invocation, null when the runtime API sent none
         * @param timeLimit the invocation's time limit from now, when the runtime API told it
         */
        InvocationOutcome handle(String event, String requestId, Optional<Duration> timeLimit);
    }

    /** One answer of the runtime API, its body read whole. */
    record Answer(int status, MultiMap headers, String body) {
    }

    private final URI api;
    private final Handler handler;
    private final HttpClient http;
    private volatile boolean stopping;
    private volatile CompletableFuture<?> inFlight;

    /**
     * @param vertx the Vert.x instance whose event loop carries the exchanges
     * @param api base URL of the runtime API, {@code http://$SCF_RUNTIME_API:$SCF_RUNTIME_API_PORT}
     * @param handler turns an event into its answer; must not throw
     */
    public CustomRuntimeLoop(Vertx vertx, URI api, Handler handler) {
        this.api = api;
        this.handler = handler;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setDefaultHost(api.getHost())
                .setDefaultPort(api.getPort())
                .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                // the runtime API hands out one event at a time: one connection is all it takes
                .setMaxPoolSize(1)
                .setName("scf-runtime-api"));
    }

    public static URI apiUri(String host, int port) {
        return URI.create("http://" + host + ":" + port);
    }

    @Override
    public void run() {
        LOG.infof("serving SCF Custom Runtime events from %s", api);
        try {
            while (!stopping && !post("/runtime/init/ready", "")) {
                pauseAfterFailure();
            }
            while (!stopping) {
                Answer next;
                try {
                    next = exchange(HttpMethod.GET, "/runtime/invocation/next", null, null);
                } catch (ExecutionException e) {
                    if (!stopping) {
                        LOG.warnf("runtime API unreachable for the next event: %s", LogValue.of(message(e)));
                        pauseAfterFailure();
                    }
                    continue;
                } catch (InterruptedException | CancellationException e) {
                    break;
                }
                if (next.status() != 200) {
                    LOG.warnf("runtime API answered HTTP %d for the next event", next.status());
                    pauseAfterFailure();
                    continue;
                }
                String requestId = next.headers().get(REQUEST_ID);
                InvocationOutcome outcome = handle(next.body(), requestId, timeLimit(next.headers().get(TIME_LIMIT)));
                String path = outcome.success() ? "/runtime/invocation/response" : "/runtime/invocation/error";
                if (!post(path, outcome.body())) {
                    LOG.warnf("could not report the outcome of invocation %s", LogValue.of(requestId));
                }
            }
        } finally {
            http.close();
        }
        LOG.info("SCF Custom Runtime loop stopped");
    }

    /** Ends the loop, also when it is waiting for the next event. */
    public void stop() {
        stopping = true;
        CompletableFuture<?> waiting = inFlight;
        if (waiting != null) {
            waiting.cancel(true);
        }
    }

    /** The time limit the runtime API announced, if it is a positive number of milliseconds. */
    static Optional<Duration> timeLimit(String header) {
        return Optional.ofNullable(header)
                .map(String::trim)
                .filter(v -> v.matches("[0-9]{1,9}"))
                .map(Long::parseLong)
                .filter(ms -> ms > 0)
                .map(Duration::ofMillis);
    }

    private InvocationOutcome handle(String event, String requestId, Optional<Duration> timeLimit) {
        try {
            return handler.handle(event, requestId, timeLimit);
        } catch (RuntimeException unexpected) {
            LOG.errorf(unexpected, "the event handler failed for invocation %s", LogValue.of(requestId));
            return InvocationOutcome.error(ErrorBody.INTERNAL_ERROR_JSON);
        }
    }

    private boolean post(String path, String body) {
        try {
            return exchange(HttpMethod.POST, path, body, POST_TIMEOUT).status() / 100 == 2;
        } catch (ExecutionException e) {
            LOG.warnf("runtime API %s failed: %s", path, LogValue.of(message(e)));
            return false;
        } catch (InterruptedException | CancellationException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return false;
        }
    }

    /**
     * Sends on the event loop and waits on this thread, so that {@link #stop()} can cancel a long
     * poll. A request and its body go out in one write.
     */
    private Answer exchange(HttpMethod method, String path, String body, Duration timeout)
            throws ExecutionException, InterruptedException {
        RequestOptions options = new RequestOptions().setMethod(method).setURI(path);
        if (timeout != null) {
            options.setTimeout(timeout.toMillis());
        }
        if (body != null) {
            options.putHeader("Content-Type", "application/json");
        }
        // The body handler is attached inside the send callback, on the event loop, before the loop
        // reads on: attached from this thread, it would run a turn later and miss a body that came
        // with the head.
        Future<Answer> answer = http.request(options)
                .compose(request -> (body == null ? request.send() : request.send(Buffer.buffer(body)))
                        .compose(response -> response.body()
                                .map(bytes -> new Answer(response.statusCode(), response.headers(), bytes.toString()))));
        CompletableFuture<Answer> future = answer.toCompletionStage().toCompletableFuture();
        inFlight = future;
        try {
            if (stopping) {
                future.cancel(true);
            }
            return future.get();
        } finally {
            inFlight = null;
        }
    }

    private static String message(ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private void pauseAfterFailure() {
        try {
            Thread.sleep(PAUSE_AFTER_API_FAILURE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }
}
