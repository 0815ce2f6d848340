package dev.vodelement.scf;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.jboss.logging.Logger;

import dev.vodelement.invocation.ErrorBody;
import dev.vodelement.invocation.LogValue;

/**
 * SCF's Custom Runtime API, client side: {@code POST /runtime/init/ready} once, then for ever
 * {@code GET /runtime/invocation/next} (a long poll: no read timeout), handle the event, and
 * {@code POST /runtime/invocation/response} or {@code /runtime/invocation/error}. One event at a
 * time, as the API hands them out. Knows nothing of Quarkus: a test runs it against a stand-in.
 */
public final class CustomRuntimeLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(CustomRuntimeLoop.class);
    private static final Duration PAUSE_AFTER_API_FAILURE = Duration.ofSeconds(1);

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

    private final URI api;
    private final Handler handler;
    private final HttpClient http;
    private volatile boolean stopping;
    private volatile CompletableFuture<?> inFlight;

    /**
     * @param api base URL of the runtime API, {@code http://$SCF_RUNTIME_API:$SCF_RUNTIME_API_PORT}
     * @param handler turns an event into its answer; must not throw
     */
    public CustomRuntimeLoop(URI api, Handler handler) {
        this.api = api;
        this.handler = handler;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3))
                .build();
    }

    public static URI apiUri(String host, int port) {
        return URI.create("http://" + host + ":" + port);
    }

    @Override
    public void run() {
        LOG.infof("serving SCF Custom Runtime events from %s", api);
        while (!stopping && !post("/runtime/init/ready", "")) {
            pauseAfterFailure();
        }
        while (!stopping) {
            HttpResponse<String> next;
            try {
                next = exchange(HttpRequest.newBuilder(api.resolve("/runtime/invocation/next")).GET().build());
            } catch (IOException e) {
                if (!stopping) {
                    LOG.warnf("runtime API unreachable for the next event: %s", LogValue.of(e.getMessage()));
                    pauseAfterFailure();
                }
                continue;
            } catch (InterruptedException | CancellationException e) {
                break;
            }
            if (next.statusCode() != 200) {
                LOG.warnf("runtime API answered HTTP %d for the next event", next.statusCode());
                pauseAfterFailure();
                continue;
            }
            String requestId = next.headers().firstValue(REQUEST_ID).orElse(null);
            InvocationOutcome outcome = handle(next.body(), requestId, timeLimit(next));
            String path = outcome.success() ? "/runtime/invocation/response" : "/runtime/invocation/error";
            if (!post(path, outcome.body())) {
                LOG.warnf("could not report the outcome of invocation %s", LogValue.of(requestId));
            }
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
    static Optional<Duration> timeLimit(HttpResponse<?> next) {
        return next.headers().firstValue(TIME_LIMIT)
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
            HttpResponse<String> answer = exchange(HttpRequest.newBuilder(api.resolve(path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build());
            return answer.statusCode() / 100 == 2;
        } catch (IOException e) {
            LOG.warnf("runtime API %s failed: %s", path, LogValue.of(e.getMessage()));
            return false;
        } catch (InterruptedException | CancellationException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return false;
        }
    }

    /** Sends asynchronously and waits, so that {@link #stop()} can cancel a long poll. */
    private HttpResponse<String> exchange(HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> future = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        inFlight = future;
        try {
            if (stopping) {
                future.cancel(true);
            }
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            inFlight = null;
        }
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
