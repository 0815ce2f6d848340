package dev.vodelement.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;

/**
 * A real HTTP server on loopback that stands in for VOD's API 3.0 endpoint. It verifies TC3-HMAC-SHA256
 * signatures with its own implementation (written from Tencent's documentation, sharing no code with
 * the product's signer), answers Tencent-shaped success and error bodies (errors with HTTP 200), and
 * injects faults on demand.
 */
public final class VodStandIn implements AutoCloseable {

    public static final String SECRET_ID = "AKIDstandinPermanentKey000000000000";
    public static final String SECRET_KEY = "standinPermanentSecretKey0000000";
    public static final String TEMP_SECRET_ID = "AKIDstandinTemporaryKey000000000000";
    public static final String TEMP_SECRET_KEY = "standinTemporarySecretKey0000000";
    public static final String TEMP_TOKEN = "standinSessionToken-0123456789abcdef";

    /** Faults answered to the next calls, one per call, in order. */
    public enum Fault {
        RATE_LIMITED, HTTP_500, SLOW, SIGNATURE_FAILURE, SIGNATURE_EXPIRED, INTERNAL_ERROR, SERVICE_UNAVAILABLE
    }

    /** One request as received, and what the stand-in made of it. */
    public record Call(String action, String version, Map<String, String> headers, String body,
            boolean signatureValid, String answeredCode, String elementId, String requestId) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static volatile VodStandIn shared;

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final AtomicLong nextElementId = new AtomicLong(900_000_001L);
    private volatile long slowMillis = 3_000;
    /** While set, every call waits here, after being counted in {@link #heldArrivals}, until released. */
    private volatile CountDownLatch held;
    private final Semaphore heldArrivals = new Semaphore(0);

    private VodStandIn(HttpServer server) {
        this.server = server;
    }

    /** Plain HTTP on 127.0.0.1, an ephemeral port. */
    public static VodStandIn start() {
        try {
            return start(LoopbackHttpServers.http(0));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the VOD stand-in", e);
        }
    }

    /**
     * HTTPS on 127.0.0.1, as VOD's real endpoint, with the test certificate of {@link TestTls}: a
     * client reaches it only when told at run time to trust that certificate.
     */
    public static VodStandIn startTls() {
        try {
            HttpsServer server = LoopbackHttpServers.https(0);
            server.setHttpsConfigurator(TestTls.httpsConfigurator());
            return start(server);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the VOD stand-in", e);
        }
    }

    private static VodStandIn start(HttpServer server) {
        VodStandIn standIn = new VodStandIn(server);
        server.createContext("/", standIn::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return standIn;
    }

    /** The instance started by {@link VodStandInResource} for the Quarkus tests. */
    public static synchronized VodStandIn shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** {@code http://127.0.0.1:<port>}, https for {@link #startTls()}. */
    public String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    public void reset() {
        releaseAnswers();
        heldArrivals.drainPermits();
        calls.clear();
        faults.clear();
    }

    /**
     * From now on, every call is held before it is answered, until {@link #releaseAnswers()}: a test
     * can then act while a request is certainly in flight at VOD, without racing it with sleeps.
     */
    public void holdAnswers() {
        heldArrivals.drainPermits();
        held = new CountDownLatch(1);
    }

    /** Waits (at most {@code atMostSeconds}, a bound for a busy machine) until a held call has arrived. */
    public void awaitHeldCall(long atMostSeconds) throws InterruptedException {
        if (!heldArrivals.tryAcquire(atMostSeconds, TimeUnit.SECONDS)) {
            throw new AssertionError("no call reached the VOD stand-in within " + atMostSeconds + " s");
        }
    }

    /** Answers the held calls, and the next ones at once. */
    public void releaseAnswers() {
        CountDownLatch gate = held;
        held = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    public void enqueue(Fault... next) {
        Collections.addAll(faults, next);
    }

    public void slowAnswersTake(long millis) {
        this.slowMillis = millis;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Elements really created (a signed, valid call answered with an ElementId). */
    public long createdCount() {
        return calls.stream().filter(c -> c.elementId() != null).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(",", values)));
        String action = headers.get("x-tc-action");
        String version = headers.get("x-tc-version");
        String requestId = UUID.randomUUID().toString();
        String signatureProblem = verifySignature(exchange.getRequestMethod(), headers, body);
        boolean signatureValid = signatureProblem == null;

        CountDownLatch gate = held;
        if (gate != null) {
            heldArrivals.release();
            try {
                gate.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Fault fault = faults.poll();
        if (fault == Fault.SLOW) {
            sleep(slowMillis);
        }
        if (fault == Fault.HTTP_500) {
            record(action, version, headers, body, signatureValid, "HTTP500", null, null);
            send(exchange, 500, "<html>internal server error</html>");
            return;
        }
        String errorCode = null;
        String errorMessage = null;
        if (!signatureValid) {
            errorCode = signatureProblem.startsWith("AuthFailure") ? signatureProblem.substring(0,
                    signatureProblem.indexOf(':')) : "AuthFailure.SignatureFailure";
            errorMessage = signatureProblem;
        } else if (fault != null && fault != Fault.SLOW) {
            errorCode = switch (fault) {
                case RATE_LIMITED -> "RequestLimitExceeded";
                case SIGNATURE_FAILURE -> "AuthFailure.SignatureFailure";
                case SIGNATURE_EXPIRED -> "AuthFailure.SignatureExpire";
                case INTERNAL_ERROR -> "InternalError";
                case SERVICE_UNAVAILABLE -> "ServiceUnavailable";
                default -> throw new IllegalStateException(fault.name());
            };
            errorMessage = "injected fault " + fault;
        } else if (!"CreateAigcCustomElement".equals(action)) {
            errorCode = "InvalidAction";
            errorMessage = "unknown action " + action;
        } else if (!"2018-07-17".equals(version)) {
            errorCode = "InvalidParameterValue";
            errorMessage = "unsupported version " + version;
        } else {
            String parameterProblem = checkParameters(body);
            if (parameterProblem != null) {
                errorCode = "InvalidParameterValue";
                errorMessage = parameterProblem;
            }
        }
        ObjectNode response = MAPPER.createObjectNode();
        String elementId = null;
        if (errorCode != null) {
            response.putObject("Error").put("Code", errorCode).put("Message", errorMessage);
        } else {
            elementId = Long.toString(nextElementId.getAndIncrement());
            response.put("ElementId", elementId);
        }
        response.put("RequestId", requestId);
        record(action, version, headers, body, signatureValid, errorCode, elementId, requestId);
        ObjectNode envelope = MAPPER.createObjectNode();
        envelope.set("Response", response);
        send(exchange, 200, MAPPER.writeValueAsString(envelope));
    }

    private void record(String action, String version, Map<String, String> headers, byte[] body,
            boolean signatureValid, String code, String elementId, String requestId) {
        calls.add(new Call(action, version, Map.copyOf(headers), new String(body, StandardCharsets.UTF_8),
                signatureValid, code, elementId, requestId));
    }

    private static String checkParameters(byte[] body) {
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (IOException e) {
            return "body is not JSON";
        }
        for (String field : List.of("ElementName", "ElementDescription", "ElementFrontalImage")) {
            if (!json.path(field).isTextual()) {
                return "missing " + field;
            }
        }
        if (!json.path("ElementReferList").isArray() || json.path("ElementReferList").isEmpty()) {
            return "missing ElementReferList";
        }
        return null;
    }

    /** Null when the signature is right, else VOD-like "Code: reason". Written from Tencent's documentation. */
    static String verifySignature(String method, Map<String, String> headers, byte[] body) {
        String authorization = headers.get("authorization");
        if (authorization == null || !authorization.startsWith("TC3-HMAC-SHA256 ")) {
            return "AuthFailure.InvalidAuthorization: no TC3-HMAC-SHA256 Authorization header";
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : authorization.substring("TC3-HMAC-SHA256 ".length()).split(",\\s*")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        String[] credential = parts.getOrDefault("Credential", "").split("/");
        if (credential.length != 4 || !"tc3_request".equals(credential[3])) {
            return "AuthFailure.InvalidAuthorization: malformed Credential";
        }
        String secretId = credential[0];
        String date = credential[1];
        String service = credential[2];
        String secretKey;
        if (SECRET_ID.equals(secretId)) {
            secretKey = SECRET_KEY;
        } else if (TEMP_SECRET_ID.equals(secretId)) {
            if (!TEMP_TOKEN.equals(headers.get("x-tc-token"))) {
                return "AuthFailure.TokenFailure: temporary credentials need their X-TC-Token";
            }
            secretKey = TEMP_SECRET_KEY;
        } else {
            return "AuthFailure.SecretIdNotFound: unknown SecretId";
        }
        if (!"vod".equals(service)) {
            return "AuthFailure.SignatureFailure: credential scope service is " + service + ", not vod";
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(headers.getOrDefault("x-tc-timestamp", ""));
        } catch (NumberFormatException e) {
            return "AuthFailure.SignatureFailure: missing X-TC-Timestamp";
        }
        if (Math.abs(Instant.now().getEpochSecond() - timestamp) > 300) {
            return "AuthFailure.SignatureExpire: timestamp is more than 5 minutes off";
        }
        String expectedDate = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochSecond(timestamp));
        if (!expectedDate.equals(date)) {
            return "AuthFailure.SignatureFailure: credential date " + date + " is not the timestamp's date";
        }
        String signedHeaders = parts.getOrDefault("SignedHeaders", "");
        List<String> names = List.of(signedHeaders.split(";"));
        if (!names.contains("content-type") || !names.contains("host")) {
            return "AuthFailure.SignatureFailure: content-type and host must be signed";
        }
        List<String> sorted = new ArrayList<>(names);
        Collections.sort(sorted);
        if (!sorted.equals(names)) {
            return "AuthFailure.SignatureFailure: SignedHeaders are not sorted";
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : names) {
            String value = headers.get(name);
            if (value == null) {
                return "AuthFailure.SignatureFailure: signed header " + name + " was not sent";
            }
            canonicalHeaders.append(name).append(':').append(value.trim().toLowerCase(Locale.ROOT)).append('\n');
        }
        String canonicalRequest = method + "\n/\n\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + sha256(body);
        String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + date + "/vod/tc3_request\n"
                + sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, "vod");
        key = hmac(key, "tc3_request");
        String expected = HEX.formatHex(hmac(key, stringToSign));
        if (!expected.equals(parts.get("Signature"))) {
            return "AuthFailure.SignatureFailure: the request signature does not match";
        }
        return null;
    }

    private static String sha256(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException clientGone) {
            // the client gave up (read timeout); nothing to answer
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
