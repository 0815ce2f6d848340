package dev.vodelement.cos;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.vodelement.config.CosConfig;
import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.failure.RetryPolicy;
import dev.vodelement.invocation.InvocationDeadline;
import dev.vodelement.invocation.InvocationDeadlines;
import dev.vodelement.invocation.LogValue;

/**
 * Signed GET, PUT and DELETE of COS objects, and pre-signed GET URLs. The bucket host comes from
 * each event, so this is a plain {@link HttpClient} rather than a declarative client bound to one
 * URL; it refuses hosts the {@link CosHostPolicy} does not allow and never follows redirects.
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
    private final Duration readTimeout;
    private final RetryPolicy retry;
    private final Clock clock;

    private final InvocationDeadlines deadlines;

    @Inject
    public CosClient(CosConfig config, CosHostPolicy hosts, InvocationDeadlines deadlines) {
        this(hosts, config.connectTimeout(), config.readTimeout(), retryPolicy(config), Clock.systemUTC(), deadlines);
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

    /** Outside any invocation (tests): every request draws on a fresh 30 s deadline. */
    public CosClient(CosHostPolicy hosts, Duration connectTimeout, Duration readTimeout, RetryPolicy retry, Clock clock) {
        this(hosts, connectTimeout, readTimeout, retry, clock, InvocationDeadlines.defaults());
    }

    public CosClient(CosHostPolicy hosts, Duration connectTimeout, Duration readTimeout, RetryPolicy retry, Clock clock,
            InvocationDeadlines deadlines) {
        this.hosts = hosts;
        this.deadlines = deadlines;
        this.readTimeout = readTimeout;
        this.retry = retry;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
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
            } catch (HttpTimeoutException e) {
                problem = "COS did not answer in time";
            } catch (IOException e) {
                problem = "COS could not be reached (" + (e instanceof java.net.ConnectException ? "connection failed"
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
            throws IOException, InterruptedException {
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

        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.objectUri(key))
                .timeout(timeout)
                .header("Authorization", signature.query())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        signed.forEach((name, value) -> {
            if (!name.equals("host")) {
                request.header(name, value);
            }
        });
        credentials.token().ifPresent(token -> request.header("x-cos-security-token", token));

        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            return new Answer(response.statusCode(), in.readNBytes(maxBytes + 1));
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
