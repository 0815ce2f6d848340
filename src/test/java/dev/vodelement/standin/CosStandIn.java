package dev.vodelement.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;

/**
 * A real HTTP server on loopback standing in for one COS bucket (path-style: the request path is
 * the percent-encoded object key). It verifies q-sign signatures, from an Authorization header or
 * from a pre-signed URL's query, with its own implementation written from COS's documentation
 * (sharing no code with the product's signer); stores PUT objects and honours
 * {@code x-cos-forbid-overwrite: true} with a 409; serves objects with {@code Range} support; and
 * injects faults on demand. A private bucket refuses unsigned reads, as COS does.
 */
public final class CosStandIn implements AutoCloseable {

    /** One request as received and answered. {@code auth} is "header", "query" or "none". */
    public record Call(String method, String key, String auth, int status, Map<String, String> headers) {
    }

    /** Answer {@code status} to the next {@code times} requests of {@code method} whose key ends with {@code keySuffix}. */
    public record Fault(String method, String keySuffix, int status) {
    }

    private record Secret(String key, String token) {
    }

    private record StoredObject(byte[] bytes, String contentType) {
    }

    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean privateBucket;

    private CosStandIn(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Plain HTTP on 127.0.0.1, an ephemeral port. */
    public static CosStandIn start() {
        try {
            return start(LoopbackHttpServers.http(0));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the COS stand-in", e);
        }
    }

    /**
     * HTTPS on 127.0.0.1 with the test certificate of {@link TestTls}; {@link #objectUrl} then gives
     * https URLs, which the function keeps (with their port) under its default {@code vod.cos.force-https=true}.
     */
    public static CosStandIn startTls() {
        try {
            HttpsServer server = LoopbackHttpServers.https(0);
            server.setHttpsConfigurator(TestTls.httpsConfigurator());
            return start(server);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the COS stand-in", e);
        }
    }

    private static CosStandIn start(HttpServer server) {
        ExecutorService executor = Executors.newCachedThreadPool();
        CosStandIn standIn = new CosStandIn(server, executor);
        server.createContext("/", standIn::handle);
        server.setExecutor(executor);
        server.start();
        return standIn;
    }

    /** Accept signatures made with these credentials; a non-null token must come as x-cos-security-token. */
    public CosStandIn accept(String secretId, String secretKey, String token) {
        secrets.put(secretId, new Secret(secretKey, token));
        return this;
    }

    /** A private bucket answers 403 to unsigned reads; a public-read one serves them. */
    public CosStandIn privateBucket(boolean value) {
        this.privateBucket = value;
        return this;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The object's URL as COS events give it: the key percent-encoded. */
    public String objectUrl(String key) {
        StringBuilder path = new StringBuilder();
        for (String segment : key.split("/", -1)) {
            path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return (server instanceof HttpsServer ? "https" : "http") + "://" + host() + ":" + port() + path;
    }

    public void putObject(String key, byte[] bytes, String contentType) {
        objects.put(key, new StoredObject(bytes.clone(), contentType));
    }

    public Optional<byte[]> object(String key) {
        return Optional.ofNullable(objects.get(key)).map(o -> o.bytes.clone());
    }

    public Optional<String> objectText(String key) {
        return object(key).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    public Set<String> keys() {
        return new TreeSet<>(objects.keySet());
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public void inject(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            faults.add(fault);
        }
    }

    /** Forgets objects, calls and faults; keeps the accepted credentials and the bucket's privacy. */
    public void reset() {
        objects.clear();
        calls.clear();
        faults.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** A URL on loopback where nothing listens: COS unreachable. */
    public static String unreachableUrl(String key) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/" + key;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        String path = decode(rawPath);
        String key = path.length() > 1 ? path.substring(1) : "";
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(",", values)));
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());

        String auth = headers.containsKey("authorization") ? "header"
                : query.containsKey("q-signature") ? "query" : "none";
        String problem = "none".equals(auth) ? null : verify(method, path, headers, query,
                "header".equals(auth) ? query(headers.get("authorization")) : query);
        boolean anonymousAllowed = !privateBucket && (method.equals("GET") || method.equals("HEAD"));
        if (problem != null || ("none".equals(auth) && !anonymousAllowed)) {
            String code = problem == null ? "AccessDenied" : problem.substring(0, problem.indexOf(':'));
            answerError(exchange, method, key, auth, headers, 403, code,
                    problem == null ? "anonymous access refused" : problem);
            return;
        }
        Fault fault = takeFault(method, key);
        if (fault != null) {
            answerError(exchange, method, key, auth, headers, fault.status(), fault.status() == 503 ? "SlowDown"
                    : "InternalError", "injected fault");
            return;
        }
        switch (method) {
            case "GET", "HEAD" -> serve(exchange, method, key, auth, headers);
            case "PUT" -> store(exchange, key, auth, headers, body);
            case "DELETE" -> {
                objects.remove(key);
                answer(exchange, method, key, auth, headers, 204, null, null);
            }
            default -> answerError(exchange, method, key, auth, headers, 405, "MethodNotAllowed", method);
        }
    }

    private void store(HttpExchange exchange, String key, String auth, Map<String, String> headers, byte[] body)
            throws IOException {
        StoredObject object = new StoredObject(body, headers.getOrDefault("content-type", "application/octet-stream"));
        if ("true".equalsIgnoreCase(headers.get("x-cos-forbid-overwrite"))) {
            if (objects.putIfAbsent(key, object) != null) {
                answerError(exchange, "PUT", key, auth, headers, 409, "PathConflict", "the object already exists");
                return;
            }
        } else {
            objects.put(key, object);
        }
        answer(exchange, "PUT", key, auth, headers, 200, null, null);
    }

    private void serve(HttpExchange exchange, String method, String key, String auth, Map<String, String> headers)
            throws IOException {
        StoredObject object = objects.get(key);
        if (object == null) {
            answerError(exchange, method, key, auth, headers, 404, "NoSuchKey", "the object does not exist");
            return;
        }
        byte[] bytes = object.bytes;
        Matcher range = RANGE.matcher(headers.getOrDefault("range", ""));
        if (range.matches()) {
            long first = Long.parseLong(range.group(1));
            long last = range.group(2).isEmpty() ? bytes.length - 1
                    : Math.min(Long.parseLong(range.group(2)), bytes.length - 1);
            if (first >= bytes.length || first > last) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + bytes.length);
                answerError(exchange, method, key, auth, headers, 416, "InvalidRange", "range not satisfiable");
                return;
            }
            byte[] part = java.util.Arrays.copyOfRange(bytes, (int) first, (int) last + 1);
            exchange.getResponseHeaders().set("Content-Range", "bytes " + first + "-" + last + "/" + bytes.length);
            answer(exchange, method, key, auth, headers, 206, part, object.contentType);
            return;
        }
        answer(exchange, method, key, auth, headers, 200, bytes, object.contentType);
    }

    /** Null when the q-sign signature is right, else "Code: reason". Written from COS's documentation. */
    private String verify(String method, String path, Map<String, String> headers, Map<String, String> query,
            Map<String, String> sign) {
        if (!"sha1".equals(sign.get("q-sign-algorithm"))) {
            return "AccessDenied: q-sign-algorithm must be sha1";
        }
        Secret secret = secrets.get(sign.getOrDefault("q-ak", ""));
        if (secret == null) {
            return "InvalidAccessKeyId: unknown q-ak";
        }
        if (secret.token != null) {
            String token = headers.getOrDefault("x-cos-security-token", query.get("x-cos-security-token"));
            if (!secret.token.equals(token)) {
                return "InvalidAccessKeyId: temporary credentials need their x-cos-security-token";
            }
        }
        String signTime = sign.getOrDefault("q-sign-time", "");
        if (!signTime.equals(sign.get("q-key-time"))) {
            return "AccessDenied: q-key-time differs from q-sign-time";
        }
        String[] window = signTime.split(";");
        long now = Instant.now().getEpochSecond();
        try {
            if (window.length != 2 || now < Long.parseLong(window[0]) || now > Long.parseLong(window[1])) {
                return "AccessDenied: request has expired or is not yet valid (q-sign-time " + signTime + ")";
            }
        } catch (NumberFormatException e) {
            return "AccessDenied: malformed q-sign-time";
        }
        TreeMap<String, String> signedHeaders = new TreeMap<>();
        for (String name : list(sign.get("q-header-list"))) {
            String value = headers.get(name);
            if (value == null) {
                return "SignatureDoesNotMatch: signed header " + name + " was not sent";
            }
            signedHeaders.put(name, value);
        }
        TreeMap<String, String> signedParams = new TreeMap<>();
        for (String name : list(sign.get("q-url-param-list"))) {
            String value = query.get(name);
            if (value == null) {
                return "SignatureDoesNotMatch: signed parameter " + name + " was not sent";
            }
            signedParams.put(name, value);
        }
        String formatParameters = pairs(signedParams);
        String formatHeaders = pairs(signedHeaders);
        String httpString = method.toLowerCase(Locale.ROOT) + "\n" + path + "\n" + formatParameters + "\n"
                + formatHeaders + "\n";
        String stringToSign = "sha1\n" + signTime + "\n" + HEX.formatHex(sha1(httpString)) + "\n";
        String signKey = HEX.formatHex(hmacSha1(secret.key, signTime));
        String expected = HEX.formatHex(hmacSha1(signKey, stringToSign));
        if (!expected.equals(sign.get("q-signature"))) {
            return "SignatureDoesNotMatch: the q-signature does not match";
        }
        return null;
    }

    /** The names listed in q-header-list / q-url-param-list, which the signer sorted and lowercased. */
    private static List<String> list(String value) {
        List<String> names = new ArrayList<>();
        if (value != null && !value.isEmpty()) {
            for (String name : value.split(";")) {
                names.add(decode(name).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static String pairs(TreeMap<String, String> entries) {
        TreeMap<String, String> encoded = new TreeMap<>();
        entries.forEach((k, v) -> encoded.put(cosEncode(k.toLowerCase(Locale.ROOT)), cosEncode(v)));
        StringBuilder out = new StringBuilder();
        encoded.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(k).append('=').append(v));
        return out.toString();
    }

    /** COS's UrlEncode: form encoding, then the differences from RFC 3986 undone. */
    private static String cosEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            params.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return params;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private Fault takeFault(String method, String key) {
        synchronized (faults) {
            for (int i = 0; i < faults.size(); i++) {
                Fault fault = faults.get(i);
                if (fault.method().equals(method) && key.endsWith(fault.keySuffix())) {
                    return faults.remove(i);
                }
            }
        }
        return null;
    }

    private void answerError(HttpExchange exchange, String method, String key, String auth,
            Map<String, String> headers, int status, String code, String message) throws IOException {
        String xml = "<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>";
        answer(exchange, method, key, auth, headers, status, xml.getBytes(StandardCharsets.UTF_8),
                "application/xml");
    }

    private void answer(HttpExchange exchange, String method, String key, String auth, Map<String, String> headers,
            int status, byte[] bytes, String contentType) throws IOException {
        calls.add(new Call(method, key, auth, status, Map.copyOf(headers)));
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        boolean noBody = bytes == null || method.equals("HEAD") || status == 204;
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!noBody) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // a prober that read what it needed and closed the connection
        }
    }

    private static byte[] sha1(String data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmacSha1(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
