package dev.vodelement.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vodelement.cos.CosSigner;

/** The dev bucket judges requests as COS does, and never writes into samples/. */
class SampleBucketTest {

    private static final String ID = "AKID-dev-simulator-only";
    private static final String KEY = "devSimulatorOnlySecretKey0000000";
    private static final Instant NOW = Instant.parse("2026-12-02T11:00:00Z");

    @TempDir
    Path writes;

    private SampleBucket bucket() {
        return new SampleBucket(Path.of("samples"), writes, ID, KEY, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void theDocumentedCatIsServedFromTheSamplesWithRanges() throws Exception {
        SampleBucket.Answer manifest = bucket().handle("GET", "elements/cat.element.json", null,
                signed("GET", "elements/cat.element.json", KEY, Map.of()), new byte[0]);
        assertEquals(200, manifest.status());
        assertEquals(Files.readString(Path.of("samples/manifests/cat.element.json")),
                new String(manifest.body(), StandardCharsets.UTF_8));

        Map<String, String> headers = signed("GET", "elements/images/cat-front.jpg", KEY, Map.of());
        headers.put("range", "bytes=0-9");
        SampleBucket.Answer part = bucket().handle("GET", "elements/images/cat-front.jpg", null, headers, new byte[0]);
        assertEquals(206, part.status());
        assertEquals(10, part.body().length);
    }

    @Test
    void forbidOverwriteIsA409WhenTheObjectExists() {
        Map<String, String> lock = Map.of("x-cos-forbid-overwrite", "true", "content-type", "application/json");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        assertEquals(200, bucket().handle("PUT", "elements/cat.element.lock", null,
                signed("PUT", "elements/cat.element.lock", KEY, lock), body).status());
        assertEquals(409, bucket().handle("PUT", "elements/cat.element.lock", null,
                signed("PUT", "elements/cat.element.lock", KEY, lock), body).status());
        assertEquals(409, bucket().handle("PUT", "elements/cat.element.json", null,
                signed("PUT", "elements/cat.element.json", KEY, lock), body).status(), "a sample exists too");
        assertEquals(204, bucket().handle("DELETE", "elements/cat.element.lock", null,
                signed("DELETE", "elements/cat.element.lock", KEY, Map.of()), new byte[0]).status());
        assertTrue(Files.notExists(writes.resolve("elements/cat.element.lock")));
    }

    @Test
    void samplesAreReadOnly() {
        assertEquals(403, bucket().handle("PUT", "images/front.jpg", null,
                signed("PUT", "images/front.jpg", KEY, Map.of()), new byte[] {1}).status());
        assertEquals(403, bucket().handle("DELETE", "elements/cat.element.json", null,
                signed("DELETE", "elements/cat.element.json", KEY, Map.of()), new byte[0]).status());
        assertTrue(Files.exists(Path.of("samples/manifests/cat.element.json")));
    }

    @Test
    void unsignedWronglySignedAndStaleRequestsAreRefusedAsCosRefusesThem() {
        SampleBucket.Answer unsigned = bucket().handle("GET", "elements/cat.element.json", null, new HashMap<>(),
                new byte[0]);
        assertEquals(403, unsigned.status());
        assertTrue(new String(unsigned.body(), StandardCharsets.UTF_8).contains("<Code>AccessDenied</Code>"));

        SampleBucket.Answer wrongKey = bucket().handle("GET", "elements/cat.element.json", null,
                signed("GET", "elements/cat.element.json", "someOtherSecretKey00000000000000", Map.of()), new byte[0]);
        assertEquals(403, wrongKey.status());
        assertTrue(new String(wrongKey.body(), StandardCharsets.UTF_8).contains("<Code>SignatureDoesNotMatch</Code>"));

        SampleBucket.Answer otherPath = bucket().handle("GET", "shared/cat-back.jpg", null,
                signed("GET", "elements/cat.element.json", KEY, Map.of()), new byte[0]);
        assertEquals(403, otherPath.status());

        SampleBucket stale = new SampleBucket(Path.of("samples"), writes, ID, KEY,
                Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));
        assertEquals(403, stale.handle("GET", "elements/cat.element.json", null,
                signed("GET", "elements/cat.element.json", KEY, Map.of()), new byte[0]).status());
    }

    @Test
    void aPreSignedUrlReadsAnImage() {
        var signature = new CosSigner().sign(ID, KEY, "GET", "/elements/images/cat-side.png", Map.of(),
                Map.of("host", "localhost:8080"), NOW.getEpochSecond() - 60, NOW.getEpochSecond() + 600);
        Map<String, String> headers = new HashMap<>(Map.of("host", "localhost:8080"));

        assertEquals(200, bucket().handle("GET", "elements/images/cat-side.png", signature.query(), headers,
                new byte[0]).status());
    }

    @Test
    void aKeyClimbingOutOfTheBucketIsRefused() {
        assertEquals(400, bucket().handle("GET", "../pom.xml", null, signed("GET", "../pom.xml", KEY, Map.of()),
                new byte[0]).status());
    }

    /** Headers as CosClient sends them: host, the given ones, and the q-sign Authorization. */
    private static Map<String, String> signed(String method, String key, String secretKey, Map<String, String> extra) {
        Map<String, String> signedHeaders = new LinkedHashMap<>(extra);
        signedHeaders.put("host", "localhost:8080");
        var signature = new CosSigner().sign(ID, secretKey, method, "/" + key, Map.of(), signedHeaders,
                NOW.getEpochSecond() - 60, NOW.getEpochSecond() + 600);
        Map<String, String> headers = new HashMap<>(signedHeaders);
        headers.put("authorization", signature.query());
        return headers;
    }
}
