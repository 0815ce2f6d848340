package dev.vodelement.vod;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.config.VodConfig;
import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.invocation.InvocationDeadline;
import dev.vodelement.invocation.InvocationDeadlines;
import dev.vodelement.invocation.LogValue;
import dev.vodelement.failure.RetryPolicy;

/**
 * Calls one VOD action: serializes the payload once, sends it signed, reads Tencent's envelope
 * (errors come with HTTP 200), and retries what time can fix within the {@link RetryPolicy}.
 * Outcomes leave as a {@link VodAnswer} or a {@link FunctionFailure} of kind REJECTED_BY_VOD (502)
 * or UNAVAILABLE (503). Every call, the first included, starts only when the invocation's
 * {@link InvocationDeadline} leaves room for all of it before the reserve for recording the outcome.
 */
@ApplicationScoped
public class VodClient {

    private static final Logger LOG = Logger.getLogger(VodClient.class);

    private final VodApi api;
    private final ObjectMapper mapper;
    private final VodConfig config;
    private final RetryPolicy retry;
    private final CallPacer pacer;
    /** Where VOD was looked for, named when it cannot be reached: a wrong VOD_ENDPOINT shows at once. */
    private final String endpointHost;

    private final InvocationDeadlines deadlines;
    /**
     * The longest one call can take (the REST client's connect plus read timeout). The declarative
     * REST client has no per-call timeout, so a call cannot be shortened to fit what is left: it is
     * only started when what is left for work can hold all of it.
     */
    private final Duration attemptLimit;

    @Inject
    public VodClient(@RestClient VodApi api, ObjectMapper mapper, VodConfig config, InvocationDeadlines deadlines,
            @ConfigProperty(name = "quarkus.rest-client.vod.connect-timeout") long connectTimeoutMillis,
            @ConfigProperty(name = "quarkus.rest-client.vod.read-timeout") long readTimeoutMillis) {
        this(api, mapper, config, deadlines, Duration.ofMillis(connectTimeoutMillis + readTimeoutMillis));
    }

    /** Outside any invocation (tests): the documented 30 s function timeout and 3 + 10 s call limits. */
    public VodClient(VodApi api, ObjectMapper mapper, VodConfig config) {
        this(api, mapper, config, InvocationDeadlines.defaults(), Duration.ofSeconds(13));
    }

    public VodClient(VodApi api, ObjectMapper mapper, VodConfig config, InvocationDeadlines deadlines,
            Duration attemptLimit) {
        this.api = api;
        this.mapper = mapper;
        this.config = config;
        this.retry = RetryPolicy.of(config.retry());
        this.pacer = CallPacer.of(config.minCallInterval());
        this.endpointHost = hostOf(config.endpoint());
        this.deadlines = deadlines;
        this.attemptLimit = attemptLimit;
    }

    /** Within the current invocation's deadline. */
    public VodAnswer call(String action, Object payload, TencentCredentials credentials) {
        return call(action, payload, credentials, deadlines.current());
    }

    /**
     * Within the given deadline: for a call made after its request context has ended (the HTTP
     * functions continue on a worker thread once the images are checked), where there is no current
     * one. Blocks (the REST client, the pacing and the retries' pauses): never call it on an event loop.
     */
    public VodAnswer call(String action, Object payload, TencentCredentials credentials, InvocationDeadline deadline) {
        String body = serialize(payload);
        SigningContext signing = new SigningContext(credentials, config.region().filter(r -> !r.isBlank()),
                config.language());
        long start = System.nanoTime();
        if (!deadline.allowsWork(attemptLimit)) {
            throw FunctionFailure.unavailable("ServiceUnavailable", "VOD was not called: "
                    + deadline.remainingForWork().toMillis() + " ms left of the invocation, less than one call may take ("
                    + attemptLimit.toMillis() + " ms)", null, config.retry().retryAfter(), 0);
        }
        boolean resigned = false;
        for (int attempt = 1;; attempt++) {
            Outcome outcome = attempt(action, signing, body, attempt);
            if (outcome.answer != null) {
                return outcome.answer;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (outcome.verdict == RetryDecision.RESIGN_ONCE && !resigned && attempt < retry.maxAttempts()
                    && deadline.allowsWork(attemptLimit)) {
                resigned = true;
                LOG.debugf("%s: signature expired, re-signing (attempt %d)", action, attempt);
                continue;
            }
            if (outcome.verdict == RetryDecision.RETRY) {
                Duration pause = retry.backoffBefore(attempt + 1);
                if (retry.allowsAnother(attempt, elapsed, pause) && deadline.allowsWork(attemptLimit.plus(pause))) {
                    LOG.debugf("%s: %s, retrying in %d ms (attempt %d)", action, LogValue.of(outcome.code),
                            pause.toMillis(), attempt);
                    sleep(pause);
                    continue;
                }
                throw FunctionFailure.unavailable(outcome.code, outcome.message + " (after " + attempt
                        + (attempt == 1 ? " attempt)" : " attempts)"), outcome.requestId,
                        config.retry().retryAfter(), attempt);
            }
            throw FunctionFailure.rejectedByVod(outcome.code, outcome.message, outcome.requestId, attempt);
        }
    }

    private Outcome attempt(String action, SigningContext signing, String body, int attempt) {
        sleep(pacer.reserve());
        int status;
        String entity;
        try (Response response = api.call(action, VodApi.VERSION, signing, body)) {
            status = response.getStatus();
            entity = response.hasEntity() ? response.readEntity(String.class) : null;
        } catch (ProcessingException e) {
            return Outcome.retry("ServiceUnavailable", "VOD could not be reached at " + endpointHost + ": "
                    + networkReason(e), null);
        }
        JsonNode envelope = parse(entity);
        JsonNode answer = envelope == null ? null : envelope.path("Response");
        String requestId = answer == null ? null : answer.path("RequestId").textValue();
        JsonNode error = answer == null ? null : answer.get("Error");
        if (error != null && error.isObject()) {
            String code = error.path("Code").asText("UnknownError");
            String message = error.path("Message").asText("");
            return new Outcome(null, RetryDecision.classify(code), code, message, requestId);
        }
        if (status >= 500 || status == 429) {
            return Outcome.retry("ServiceUnavailable", "VOD answered HTTP " + status, requestId);
        }
        if (status != 200 || answer == null || !answer.isObject()) {
            return new Outcome(null, RetryDecision.FINAL, "InvalidResponse",
                    "VOD answered HTTP " + status + " without a Tencent Cloud API response", requestId);
        }
        return new Outcome(new VodAnswer(answer, requestId, attempt), null, null, null, requestId);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isEmpty()) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String serialize(Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the VOD request", e);
        }
    }

    /** The endpoint's host and port, never its user info, path or query. */
    static String hostOf(String endpoint) {
        try {
            URI uri = new URI(endpoint.trim());
            if (uri.getHost() != null) {
                return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            }
        } catch (URISyntaxException e) {
            // named as unreadable below
        }
        return "an endpoint that is not a URL (vod.endpoint)";
    }

    /** A short reason for a network failure, without exception class names. */
    static String networkReason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
            if (t instanceof TimeoutException || name.contains("timeout")) {
                return "timed out";
            }
            if (name.contains("connect") || t instanceof java.net.ConnectException) {
                return "connection failed";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
        }
        return "network error";
    }

    private static void sleep(Duration pause) {
        if (pause.isZero()) {
            return;
        }
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FunctionFailure.unavailable("ServiceUnavailable", "interrupted while waiting to call VOD", null, 0);
        }
    }

    private record Outcome(VodAnswer answer, RetryDecision verdict, String code, String message, String requestId) {
        static Outcome retry(String code, String message, String requestId) {
            return new Outcome(null, RetryDecision.RETRY, code, message, requestId);
        }
    }
}
