package dev.vodelement.cos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.failure.FailureKind;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.failure.RetryPolicy;
import dev.vodelement.invocation.InvocationDeadlines;
import dev.vodelement.standin.CosStandIn;
import dev.vodelement.standin.StandaloneVertx;
import dev.vodelement.standin.VodStandIn;

/** The COS client against a real loopback server that checks q-sign with its own implementation. */
class CosClientTest {

    private static final CosStandIn COS = CosStandIn.start()
            .accept(VodStandIn.SECRET_ID, VodStandIn.SECRET_KEY, null)
            .accept(VodStandIn.TEMP_SECRET_ID, VodStandIn.TEMP_SECRET_KEY, VodStandIn.TEMP_TOKEN);
    private static final TencentCredentials PERMANENT = new TencentCredentials(VodStandIn.SECRET_ID,
            VodStandIn.SECRET_KEY, null);
    private static final TencentCredentials TEMPORARY = new TencentCredentials(VodStandIn.TEMP_SECRET_ID,
            VodStandIn.TEMP_SECRET_KEY, VodStandIn.TEMP_TOKEN);

    private final CosClient client = client(List.of("127.0.0.1"));
    private final CosEndpoint bucket = CosEndpoint.of(URI.create(COS.objectUrl("x")), false);
    private final HttpClient plain = HttpClient.newHttpClient();

    @BeforeEach
    void reset() {
        COS.reset();
        COS.privateBucket(true);
    }

    @AfterAll
    static void stop() {
        COS.close();
    }

    @Test
    void signedPutThenGetRoundTripsEvenForUnicodeKeysWithSpaces() {
        String key = "宠物/my cat (1).element.json";
        byte[] body = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);

        assertTrue(client.put(bucket, key, body, "application/json", false, PERMANENT));
        Optional<byte[]> read = client.get(bucket, key, PERMANENT, 1024);

        assertArrayEquals(body, read.orElseThrow());
        assertEquals(List.of("header", "header"), COS.calls().stream().map(CosStandIn.Call::auth).toList());
        assertEquals(List.of(200, 200), COS.calls().stream().map(CosStandIn.Call::status).toList());
        assertEquals("application/json", COS.calls().get(0).headers().get("content-type"));
    }

    @Test
    void temporaryCredentialsSendTheirToken() {
        assertTrue(client.put(bucket, "a.json", new byte[] {1}, "application/json", false, TEMPORARY));
        assertEquals(VodStandIn.TEMP_TOKEN, COS.calls().get(0).headers().get("x-cos-security-token"));
    }

    @Test
    void missingObjectsReadAsEmptyAndDeleteIsIdempotent() {
        assertEquals(Optional.empty(), client.get(bucket, "nothing/here.json", PERMANENT, 1024));
        COS.putObject("gone.json", new byte[] {1}, "application/json");

        client.delete(bucket, "gone.json", PERMANENT);
        client.delete(bucket, "gone.json", PERMANENT);

        assertFalse(COS.keys().contains("gone.json"));
    }

    @Test
    void forbidOverwriteLeavesTheFirstObjectInPlace() {
        assertTrue(client.put(bucket, "lock", "first".getBytes(), "application/json", true, PERMANENT));
        assertFalse(client.put(bucket, "lock", "second".getBytes(), "application/json", true, PERMANENT));

        assertEquals("first", COS.objectText("lock").orElseThrow());
        assertEquals(409, COS.calls().get(1).status());
        assertEquals("true", COS.calls().get(1).headers().get("x-cos-forbid-overwrite"));

        assertTrue(client.put(bucket, "lock", "third".getBytes(), "application/json", false, PERMANENT));
        assertEquals("third", COS.objectText("lock").orElseThrow());
    }

    @Test
    void preSignedUrlsReadPrivateObjectsWithoutAnyHeader() throws Exception {
        COS.putObject("images/猫 1.jpg", new byte[] {9, 8, 7}, "image/jpeg");
        String url = client.presignedGet(bucket, "images/猫 1.jpg", PERMANENT, Duration.ofHours(1));

        HttpResponse<byte[]> answer = plain.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, answer.statusCode());
        assertArrayEquals(new byte[] {9, 8, 7}, answer.body());
        assertEquals("query", COS.calls().get(0).auth());
        assertTrue(url.contains("q-header-list=host"), url);
    }

    @Test
    void aTamperedOrUnsignedUrlIsRefusedByThePrivateBucket() throws Exception {
        COS.putObject("private.jpg", new byte[] {1}, "image/jpeg");
        String url = client.presignedGet(bucket, "private.jpg", PERMANENT, Duration.ofHours(1));
        String tampered = url.replaceAll("q-signature=[0-9a-f]", "q-signature=x");

        assertEquals(403, status(tampered));
        assertEquals(403, status(COS.objectUrl("private.jpg")));
        COS.privateBucket(false);
        assertEquals(200, status(COS.objectUrl("private.jpg")));
    }

    @Test
    void preSignedUrlsOfTemporaryCredentialsCarryTheToken() throws Exception {
        COS.putObject("private.jpg", new byte[] {1}, "image/jpeg");
        String url = client.presignedGet(bucket, "private.jpg", TEMPORARY, Duration.ofMinutes(5));

        assertTrue(url.contains("&x-cos-security-token=" + VodStandIn.TEMP_TOKEN), url);
        assertEquals(200, status(url));
        assertEquals(403, status(url.replaceAll("&x-cos-security-token=[^&]*", "")));
    }

    @Test
    void anExpiredPreSignedUrlIsRefused() throws Exception {
        COS.putObject("private.jpg", new byte[] {1}, "image/jpeg");
        CosClient anHourAgo = new CosClient(new CosHostPolicy(List.of("127.0.0.1")), Duration.ofSeconds(2),
                Duration.ofSeconds(5), new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5)),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)),
                InvocationDeadlines.defaults(), StandaloneVertx.get());
        assertEquals(403, status(anHourAgo.presignedGet(bucket, "private.jpg", PERMANENT, Duration.ofMinutes(10))));
        assertEquals(200, status(anHourAgo.presignedGet(bucket, "private.jpg", PERMANENT, Duration.ofHours(2))));
    }

    @Test
    void refusedCredentialsAreAMisconfigurationWithoutTheSecretInTheMessage() {
        TencentCredentials wrong = new TencentCredentials(VodStandIn.SECRET_ID, "not-the-key-0123456789", null);

        FunctionFailure failure = assertThrows(FunctionFailure.class,
                () -> client.get(bucket, "a.json", wrong, 1024));

        assertEquals(FailureKind.MISCONFIGURED, failure.kind());
        assertEquals("CosAccessDenied", failure.code());
        assertTrue(failure.getMessage().contains("SignatureDoesNotMatch"), failure.getMessage());
        assertFalse(failure.getMessage().contains("not-the-key"), failure.getMessage());
    }

    @Test
    void serverErrorsAreRetriedThenReportedAsUnavailable() {
        COS.putObject("a.json", "{}".getBytes(), "application/json");
        COS.inject(new CosStandIn.Fault("GET", "a.json", 503), 2);

        assertTrue(client.get(bucket, "a.json", PERMANENT, 1024).isPresent());
        assertEquals(List.of(503, 503, 200), COS.calls().stream().map(CosStandIn.Call::status).toList());

        COS.inject(new CosStandIn.Fault("GET", "a.json", 500), 3);
        FunctionFailure failure = assertThrows(FunctionFailure.class,
                () -> client.get(bucket, "a.json", PERMANENT, 1024));
        assertEquals(FailureKind.UNAVAILABLE, failure.kind());
        assertTrue(failure.getMessage().contains("after 3 attempts"), failure.getMessage());
    }

    @Test
    void readsLeaveTheRecordingReserveAloneWhileWritesMayUseIt() {
        // 3.5 s left, 3 s of them kept for recording: too little for a read, enough for a write
        CosClient late = new CosClient(new CosHostPolicy(List.of("127.0.0.1")), Duration.ofSeconds(2),
                Duration.ofSeconds(5), new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20),
                        Duration.ofSeconds(10)), Clock.systemUTC(),
                InvocationDeadlines.standalone(Duration.ofMillis(3500), Duration.ofSeconds(3)), StandaloneVertx.get());

        FunctionFailure failure = assertThrows(FunctionFailure.class,
                () -> late.get(bucket, "a.json", PERMANENT, 1024));
        assertEquals(FailureKind.UNAVAILABLE, failure.kind());
        assertTrue(failure.getMessage().startsWith("COS was not called for GET a.json"), failure.getMessage());
        assertEquals(List.of(), COS.calls(), "no request was sent");

        assertTrue(late.put(bucket, "result.json", "{}".getBytes(), "application/json", false, PERMANENT));
        assertTrue(COS.object("result.json").isPresent());
    }

    @Test
    void noRetryStartsPastTheInvocationsDeadline() {
        // the retry policy alone would try 100 times, a second apart; the 2.5 s deadline leaves room for a few
        CosClient hurried = new CosClient(new CosHostPolicy(List.of("127.0.0.1")), Duration.ofSeconds(2),
                Duration.ofSeconds(5), new RetryPolicy(100, Duration.ofSeconds(1), Duration.ofSeconds(1),
                        Duration.ofMinutes(10)), Clock.systemUTC(),
                InvocationDeadlines.standalone(Duration.ofMillis(2500), Duration.ZERO), StandaloneVertx.get());
        COS.inject(new CosStandIn.Fault("GET", "a.json", 503), 100);

        FunctionFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(FunctionFailure.class, () -> hurried.get(bucket, "a.json", PERMANENT, 1024)));

        assertEquals(FailureKind.UNAVAILABLE, failure.kind());
        int calls = COS.calls().size();
        assertTrue(calls >= 1 && calls <= 5, calls + " requests, not the 100 the retry policy allows");
    }

    @Test
    void unreachableCosIsTransient() {
        CosEndpoint nowhere = CosEndpoint.of(URI.create(CosStandIn.unreachableUrl("x")), false);

        FunctionFailure failure = assertThrows(FunctionFailure.class,
                () -> client.get(nowhere, "a.json", PERMANENT, 1024));

        assertEquals(FailureKind.UNAVAILABLE, failure.kind());
        assertTrue(failure.kind().isTransient());
        assertTrue(failure.getMessage().contains("could not be reached"), failure.getMessage());
    }

    @Test
    void hostsOutsideTheAllowListGetNoRequestAndNoUrl() {
        CosClient cosOnly = client(List.of(".myqcloud.com"));

        assertThrows(IllegalArgumentException.class, () -> cosOnly.get(bucket, "a.json", PERMANENT, 1024));
        assertThrows(IllegalArgumentException.class,
                () -> cosOnly.presignedGet(bucket, "a.json", PERMANENT, Duration.ofHours(1)));
        assertEquals(List.of(), COS.calls());
    }

    @Test
    void objectsLargerThanAskedAreRefused() {
        COS.putObject("big.json", new byte[2048], "application/json");
        FunctionFailure failure = assertThrows(FunctionFailure.class,
                () -> client.get(bucket, "big.json", PERMANENT, 1024));
        assertEquals(FailureKind.INVALID_REQUEST, failure.kind());
    }

    @Test
    void httpsIsForcedOnPlainEventUrls() {
        CosEndpoint forced = CosEndpoint.of(URI.create(
                "http://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/a%20b/c.element.json"), true);
        assertEquals("https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/a%20b/c%2B.jpg",
                forced.objectUri("a b/c+.jpg").toString());
        assertEquals("127.0.0.1:" + COS.port(), bucket.authority());
    }

    private static CosClient client(List<String> hosts) {
        return new CosClient(new CosHostPolicy(hosts), Duration.ofSeconds(2), Duration.ofSeconds(5),
                new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(10)),
                Clock.systemUTC(), InvocationDeadlines.defaults(), StandaloneVertx.get());
    }

    private int status(String url) throws Exception {
        return plain.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
