package dev.vodelement.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vodelement.cos.CosSigner;

/**
 * A private COS bucket for dev mode, judged as COS judges requests: q-sign signatures (from an
 * {@code Authorization} header or a pre-signed URL's query) recomputed with the main
 * {@link CosSigner} for the one key pair it knows, {@code x-cos-forbid-overwrite} answered 409
 * when the object exists, ranges, and COS's XML errors. Its content is the repository's
 * {@code samples/}, read-only: every sample file at its own key, and the cat of docs/events.md at
 * the keys the docs and the sample event use. Objects the function writes (outcome and lock objects)
 * go to a separate folder ({@code target/dev-bucket} in dev mode), never into {@code samples/}.
 * A plain class, so that a test can run it without dev mode.
 */
final class SampleBucket {

    /** An HTTP answer: status, headers and body. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    /**
     * The bucket of docs/events.md, made of the samples: what the sample COS event's manifest names.
     * The samples have two photos, so the back view shows the front one.
     */
    static final Map<String, String> DOCUMENTED_LAYOUT = Map.of(
            "elements/cat.element.json", "manifests/cat.element.json",
            "elements/images/cat-front.jpg", "images/front.jpg",
            "elements/images/cat-side.png", "images/side.png",
            "shared/cat-back.jpg", "images/front.jpg");

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final Path samples;
    private final Path writes;
    private final String secretId;
    private final String secretKey;
    private final Clock clock;
    private final CosSigner signer = new CosSigner();

    SampleBucket(Path samples, Path writes, String secretId, String secretKey, Clock clock) {
        this.samples = samples.toAbsolutePath().normalize();
        this.writes = writes.toAbsolutePath().normalize();
        this.secretId = secretId;
        this.secretKey = secretKey;
        this.clock = clock;
    }

    /**
     * @param key the decoded object key (no leading "/")
     * @param rawQuery the request's query, still percent-encoded; null for none
     * @param headers request headers, names lowercased
     */
    synchronized Answer handle(String method, String key, String rawQuery, Map<String, String> headers, byte[] body) {
        Map<String, String> query = query(rawQuery);
        Map<String, String> sign = headers.containsKey("authorization") ? query(headers.get("authorization"))
                : query.containsKey("q-signature") ? query : null;
        if (sign == null) {
            return error(403, "AccessDenied", "the bucket is private: sign the request", key);
        }
        String problem = signatureProblem(method, key, headers, query, sign);
        if (problem != null) {
            return error(403, problem.substring(0, problem.indexOf(':')), problem.substring(problem.indexOf(':') + 2),
                    key);
        }
        Optional<Path> written = inside(writes, key);
        if (written.isEmpty()) {
            return error(400, "InvalidURI", "the key climbs out of the bucket", key);
        }
        Optional<Path> sample = sample(key);
        return switch (method) {
            case "GET", "HEAD" -> read(method, key, headers, Files.isRegularFile(written.get()) ? written : sample);
            case "PUT" -> write(key, headers, body, written.get(), sample);
            case "DELETE" -> delete(key, written.get(), sample);
            default -> error(405, "MethodNotAllowed", method + " is not supported here", key);
        };
    }

    private Answer read(String method, String key, Map<String, String> headers, Optional<Path> file) {
        if (file.isEmpty()) {
            return error(404, "NoSuchKey", "The specified key does not exist.", key);
        }
        byte[] bytes = bytes(file.get());
        Map<String, String> answerHeaders = new LinkedHashMap<>();
        answerHeaders.put("Content-Type", contentType(key));
        answerHeaders.put("Accept-Ranges", "bytes");
        Matcher range = RANGE.matcher(headers.getOrDefault("range", ""));
        int status = 200;
        if (range.matches()) {
            long first = Long.parseLong(range.group(1));
            long last = range.group(2).isEmpty() ? bytes.length - 1L
                    : Math.min(Long.parseLong(range.group(2)), bytes.length - 1L);
            if (first >= bytes.length || first > last) {
                Answer refused = error(416, "InvalidRange", "The requested range is not satisfiable", key);
                refused.headers().put("Content-Range", "bytes */" + bytes.length);
                return refused;
            }
            answerHeaders.put("Content-Range", "bytes " + first + "-" + last + "/" + bytes.length);
            bytes = Arrays.copyOfRange(bytes, (int) first, (int) last + 1);
            status = 206;
        }
        return new Answer(status, answerHeaders, method.equals("HEAD") ? new byte[0] : bytes);
    }

    private Answer write(String key, Map<String, String> headers, byte[] body, Path target, Optional<Path> sample) {
        boolean exists = Files.isRegularFile(target) || sample.isPresent();
        if (exists && "true".equalsIgnoreCase(headers.get("x-cos-forbid-overwrite"))) {
            return error(409, "PathConflict", "The object already exists and x-cos-forbid-overwrite is true", key);
        }
        if (sample.isPresent()) {
            return error(403, "AccessDenied", "sample files are read-only in the dev bucket", key);
        }
        try {
            Files.createDirectories(target.getParent());
            Files.write(target, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Answer(200, new LinkedHashMap<>(Map.of("ETag", "\"" + UUID.randomUUID() + "\"")), new byte[0]);
    }

    private Answer delete(String key, Path target, Optional<Path> sample) {
        if (sample.isPresent()) {
            return error(403, "AccessDenied", "sample files are read-only in the dev bucket", key);
        }
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Answer(204, new LinkedHashMap<>(), new byte[0]);
    }

    /** The sample file a key names: the documented layout first, then samples/ itself. */
    private Optional<Path> sample(String key) {
        String path = DOCUMENTED_LAYOUT.getOrDefault(key, key);
        return inside(samples, path).filter(Files::isRegularFile);
    }

    private static Optional<Path> inside(Path root, String key) {
        if (key.isEmpty() || key.contains("\0")) {
            return Optional.empty();
        }
        Path resolved = root.resolve(key).normalize();
        return resolved.startsWith(root) && !resolved.equals(root) ? Optional.of(resolved) : Optional.empty();
    }

    /** Null when the signature is right, else "Code: reason", as COS names the problem. */
    private String signatureProblem(String method, String key, Map<String, String> headers, Map<String, String> query,
            Map<String, String> sign) {
        if (!"sha1".equals(sign.get("q-sign-algorithm"))) {
            return "AccessDenied: q-sign-algorithm must be sha1";
        }
        if (secretId == null || !secretId.equals(sign.get("q-ak"))) {
            return "InvalidAccessKeyId: q-ak is not the dev profile's vod.secret-id";
        }
        String signTime = sign.getOrDefault("q-sign-time", "");
        if (!signTime.equals(sign.get("q-key-time"))) {
            return "AccessDenied: q-key-time differs from q-sign-time";
        }
        String[] window = signTime.split(";");
        long start;
        long end;
        try {
            start = Long.parseLong(window[0]);
            end = window.length == 2 ? Long.parseLong(window[1]) : -1;
        } catch (NumberFormatException e) {
            return "AccessDenied: malformed q-sign-time";
        }
        long now = clock.instant().getEpochSecond();
        if (window.length != 2 || now < start || now > end) {
            return "AccessDenied: Request has expired (q-sign-time " + signTime + ")";
        }
        Map<String, String> signedHeaders = new TreeMap<>();
        for (String name : names(sign.get("q-header-list"))) {
            if (!headers.containsKey(name)) {
                return "SignatureDoesNotMatch: signed header " + name + " was not sent";
            }
            signedHeaders.put(name, headers.get(name));
        }
        Map<String, String> signedParams = new TreeMap<>();
        for (String name : names(sign.get("q-url-param-list"))) {
            if (!query.containsKey(name)) {
                return "SignatureDoesNotMatch: signed parameter " + name + " was not sent";
            }
            signedParams.put(name, query.get(name));
        }
        String expected = signer.sign(secretId, secretKey, method, "/" + key, signedParams, signedHeaders, start, end)
                .signature();
        return expected.equals(sign.get("q-signature")) ? null
                : "SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided";
    }

    private static String[] names(String list) {
        return list == null || list.isEmpty() ? new String[0] : list.toLowerCase(Locale.ROOT).split(";");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            parameters.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return parameters;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentType(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.endsWith(".json") ? "application/json" : lower.endsWith(".jpg") || lower.endsWith(".jpeg")
                ? "image/jpeg" : lower.endsWith(".png") ? "image/png" : "application/octet-stream";
    }

    private static Answer error(int status, String code, String message, String key) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + xmlEscape(message) + "</Message><Resource>/" + xmlEscape(key) + "</Resource><RequestId>"
                + UUID.randomUUID() + "</RequestId></Error>";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/xml");
        return new Answer(status, headers, xml.getBytes(StandardCharsets.UTF_8));
    }

    private static String xmlEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
