package dev.vodelement.cos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import dev.vodelement.config.CosConfig;
import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.failure.RetryPolicy;
import dev.vodelement.invocation.InvocationDeadline;
import dev.vodelement.invocation.InvocationDeadlines;
import dev.vodelement.invocation.LogValue;

/**
 * Signed GET, PUT and DELETE of COS objects, and pre-signed GET URLs. The bucket host comes from
 * each event, so this is Vert.x's {@link HttpClient} (on the Quarkus-managed {@link Vertx}, the
 * same event loops as every other outbound call; names resolved by Vert.x's resolver) with the
 * bucket's URL per request, rather than a declarative client bound to one URL; it refuses hosts the
 * {@link CosHostPolicy} does not allow and never follows redirects. Callers are blocking worker
 * code, so each request is waited for here, once, on its future: no thread is held by the HTTP
 * exchange itself.
 * Unreachable COS and 5xx answers are retried, then reported as UNAVAILABLE (transient); a refusal
 * (403 and other 4xx) is MISCONFIGURED: the role's permissions or the bucket need fixing.
 */
@ApplicationScoped
public class CosClient {

    private static final Logger LOG = Logger.getLogger(CosClient.class);
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");
    /** A signed request is valid from a minute before now (clock skew) to ten minutes after. */
    private static final long SKEW_SECONDS = 60;
    private static final long REQUEST_VALIDITY_SECONDS = 600;
    /** No request starts with less time left than this: it could not be answered. */
    public static final Duration MIN_ATTEMPT = Duration.ofSeconds(1);

    private final CosHostPolicy hosts;
    private final CosSigner signer = new CosSigner();
    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final RetryPolicy retry;
    private final Clock clock;

    private final InvocationDeadlines deadlines;

    @Inject
    public CosClient(CosConfig config, CosHostPolicy hosts, InvocationDeadlines deadlines, Vertx vertx) {
        this(hosts, config.connectTimeout(), config.readTimeout(), retryPolicy(config), Clock.systemUTC(), deadlines,
                vertx);
    }

    /**
     * The retries of one COS request, from {@code vod.cos.*}: up to {@code max-attempts}, backing off
     * from {@code initial-backoff} and doubling at most three times (so the longest pause is 8x the
     * first), and no new request once two read timeouts have passed since the first, so that COS
     * retries never take more than a small part of the function's timeout.
     */
    static RetryPolicy retryPolicy(CosConfig config) {
        return new RetryPolicy(Math.max(1, config.maxAttempts()), config.initialBackoff(),
                config.initialBackoff().multipliedBy(8), config.readTimeout().multipliedBy(2));
    }

    /** With its settings given one by one (tests), on the Vert.x instance given. */
    public CosClient(CosHostPolicy hosts, Duration connectTimeout, Duration readTimeout, RetryPolicy retry, Clock clock,
            InvocationDeadlines deadlines, Vertx vertx) {
        this.hosts = hosts;
        this.deadlines = deadlines;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.retry = retry;
        this.clock = clock;
        // TLS trusts what the JDK trusts (javax.net.ssl.trustStore*), and checks the bucket's name;
        // redirects are not followed (Vert.x's default)
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .setVerifyHost(true)
                .setMaxPoolSize(64)
                .setName("cos"));
    }

    /**
     * The object's bytes, or empty when it does not exist.
     *
     * @throws FunctionFailure an invalid request when the object is larger than {@code maxBytes}
     */
    public Optional<byte[]> get(CosEndpoint endpoint, String key, TencentCredentials credentials, int maxBytes) {
        Answer answer = send("GET", endpoint, key, credentials, null, null, false, maxBytes);
        if (answer.status == 404) {
            return Optional.empty();
        }
        if (answer.status == 200 || answer.status == 206) {
            if (answer.body.length > maxBytes) {
                throw FunctionFailure.invalid("InvalidParameter",
                        "object " + key + " is larger than " + maxBytes + " bytes");
            }
            return Optional.of(answer.body);
        }
        throw refused("GET", endpoint, key, answer);
    }

    /**
     * Stores an object. With {@code forbidOverwrite}, COS refuses to replace an existing object.
     *
     * @return false when the object existed and {@code forbidOverwrite} kept it (HTTP 409)
     */
    public boolean put(CosEndpoint endpoint, String key, byte[] body, String contentType, boolean forbidOverwrite,
            TencentCredentials credentials) {
        Answer answer = send("PUT", endpoint, key, credentials, body, contentType, forbidOverwrite, 4096);
        if (answer.status == 200 || answer.status == 201 || answer.status == 204) {
            return true;
        }
        if (answer.status == 409 && forbidOverwrite) {
            return false;
        }
        throw refused("PUT", endpoint, key, answer);
    }

    /** Deletes an object; one that is already gone is fine. */
    public void delete(CosEndpoint endpoint, String key, TencentCredentials credentials) {
        Answer answer = send("DELETE", endpoint, key, credentials, null, null, false, 4096);
        if (answer.status != 200 && answer.status != 204 && answer.status != 404) {
            throw refused("DELETE", endpoint, key, answer);
        }
    }

    /**
     * A GET URL that reads a private object for {@code validity}: the q-sign signature (of the host
     * header) in the query string, plus {@code x-cos-security-token} for temporary credentials.
     * Show it only through {@code SafeText.url}: its query is a bearer secret.
     */
    public String presignedGet(CosEndpoint endpoint, String key, TencentCredentials credentials, Duration validity) {
        requireAllowed(endpoint);
        long now = clock.instant().getEpochSecond();
        CosSigner.Signature signature = signer.sign(credentials.secretId(), credentials.secretKey(), "GET",
                "/" + key, Map.of(), Map.of("host", endpoint.authority()), now - SKEW_SECONDS,
                now + validity.toSeconds());
        String url = endpoint.objectUri(key) + "?" + signature.query();
        return credentials.token().map(token -> url + "&x-cos-security-token=" + CosSigner.encode(token)).orElse(url);
    }

    private Answer send(String method, CosEndpoint endpoint, String key, TencentCredentials credentials, byte[] body,
            String contentType, boolean forbidOverwrite, int maxBytes) {
        requireAllowed(endpoint);
        long start = System.nanoTime();
        InvocationDeadline deadline = deadlines.current();
        // a PUT records something (an outcome, the lock and the ElementId stashed in it): it may use
        // the reserve kept for recording; reads and deletes are work and leave the reserve alone
        boolean records = method.equals("PUT");
        for (int attempt = 1;; attempt++) {
            Duration left = records ? deadline.remaining() : deadline.remainingForWork();
            if (left.compareTo(MIN_ATTEMPT) < 0) {
                throw FunctionFailure.unavailable("ServiceUnavailable", "COS was not called for " + method + " "
                        + key + ": " + left.toMillis() + " ms left of the invocation" + (attempt == 1 ? ""
                                : " (after " + (attempt - 1) + (attempt == 2 ? " attempt)" : " attempts)")),
                        null, 0);
            }
            String problem;
            try {
                Answer answer = exchange(method, endpoint, key, credentials, body, contentType, forbidOverwrite,
                        maxBytes, left.compareTo(readTimeout) < 0 ? left : readTimeout);
                if (answer.status < 500 && answer.status != 429) {
                    return answer;
                }
                problem = "COS answered HTTP " + answer.status + answer.codeSuffix();
            } catch (TimeoutException e) {
                problem = "COS did not answer in time";
            } catch (IOException e) {
                problem = "COS could not be reached (" + (e instanceof ConnectException ? "connection failed"
                        : "network error") + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw FunctionFailure.unavailable("ServiceUnavailable", "interrupted while calling COS", null, 0);
            }
            Duration pause = retry.backoffBefore(attempt + 1);
            Duration leftAfterPause = (records ? deadline.remaining() : deadline.remainingForWork()).minus(pause);
            if (!retry.allowsAnother(attempt, Duration.ofNanos(System.nanoTime() - start), pause)
                    || leftAfterPause.compareTo(MIN_ATTEMPT) < 0) {
                throw FunctionFailure.unavailable("ServiceUnavailable", problem + " for " + method + " " + key
                        + " on " + endpoint.host() + " (after " + attempt + (attempt == 1 ? " attempt)" : " attempts)"),
                        null, 0);
            }
            LOG.debugf("%s %s: %s, retrying in %d ms", method, LogValue.of(key), LogValue.of(problem),
                    pause.toMillis());
            sleep(pause);
        }
    }

    private Answer exchange(String method, CosEndpoint endpoint, String key, TencentCredentials credentials,
            byte[] body, String contentType, boolean forbidOverwrite, int maxBytes, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("host", endpoint.authority());
        if (contentType != null) {
            signed.put("content-type", contentType);
        }
        if (forbidOverwrite) {
            signed.put("x-cos-forbid-overwrite", "true");
        }
        long now = clock.instant().getEpochSecond();
        CosSigner.Signature signature = signer.sign(credentials.secretId(), credentials.secretKey(), method,
                "/" + key, Map.of(), signed, now - SKEW_SECONDS, now + REQUEST_VALIDITY_SECONDS);

        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.valueOf(method))
                .setAbsoluteURI(endpoint.objectUri(key).toASCIIString())
                .setConnectTimeout(connectTimeout.toMillis())
                .setFollowRedirects(false)
                // the signed host, exactly as signed (Vert.x would drop a default port)
                .putHeader("Host", endpoint.authority())
                .putHeader("Authorization", signature.query());
        signed.forEach((name, value) -> {
            if (!name.equals("host")) {
                request.putHeader(name, value);
            }
        });
        credentials.token().ifPresent(token -> request.putHeader("x-cos-security-token", token));

        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        Promise<Answer> answer = Promise.promise();
        http.request(request).onFailure(answer::tryFail).onSuccess(outgoing -> {
            sent.set(outgoing);
            (body == null ? outgoing.send() : outgoing.send(Buffer.buffer(body))).onFailure(answer::tryFail)
                    .onSuccess(response -> {
                        ByteArrayOutputStream read = new ByteArrayOutputStream();
                        response.exceptionHandler(answer::tryFail);
                        response.handler(chunk -> {
                            int room = maxBytes + 1 - read.size();
                            read.write(chunk.getBytes(), 0, Math.min(room, chunk.length()));
                            if (read.size() > maxBytes && answer.tryComplete(new Answer(response.statusCode(),
                                    read.toByteArray()))) {
                                // enough to know it is too large: the rest is never read
                                outgoing.reset();
                            }
                        });
                        response.endHandler(end -> answer.tryComplete(new Answer(response.statusCode(),
                                read.toByteArray())));
                    });
        });
        try {
            return answer.future().toCompletionStage().toCompletableFuture()
                    .get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            // abandoned: the request is reset, so no answer arrives later for no one to read
            HttpClientRequest outgoing = sent.get();
            if (outgoing != null) {
                outgoing.reset();
            }
            answer.tryFail("abandoned");
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof io.netty.channel.ConnectTimeoutException) {
                // as the JDK's client did: a connect timeout is COS not answering in time
                throw new TimeoutException(cause.getMessage());
            }
            throw cause instanceof IOException io ? io : new IOException(cause);
        }
    }

    private void requireAllowed(CosEndpoint endpoint) {
        if (!hosts.allows(endpoint.host())) {
            // The event handler rejects such events first; this guards every other path to the network.
            throw new IllegalArgumentException("COS host not allowed: " + endpoint.host());
        }
    }

    private static FunctionFailure refused(String method, CosEndpoint endpoint, String key, Answer answer) {
        String what = "COS refused " + method + " " + key + " on " + endpoint.host() + ": HTTP " + answer.status
                + answer.codeSuffix();
        if (answer.status == 403 || answer.status == 401) {
            return FunctionFailure.misconfigured("CosAccessDenied", what
                    + "; the function's credentials need cos:GetObject, cos:PutObject and cos:DeleteObject on the bucket");
        }
        return FunctionFailure.misconfigured("CosRequestRefused", what);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FunctionFailure.unavailable("ServiceUnavailable", "interrupted while waiting to retry COS", null, 0);
        }
    }

    private record Answer(int status, byte[] body) {

        /** COS's error code from an XML error body, e.g. " (SlowDown)". */
        String codeSuffix() {
            if (body == null || body.length == 0) {
                return "";
            }
            Matcher m = ERROR_CODE.matcher(new String(body, StandardCharsets.UTF_8));
            return m.find() ? " (" + m.group(1) + ")" : "";
        }
    }
}
