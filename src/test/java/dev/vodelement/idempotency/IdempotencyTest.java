package dev.vodelement.idempotency;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vodelement.invocation.LogCapture;
import dev.vodelement.standin.CosEvents;
import dev.vodelement.standin.CosStandIn;
import dev.vodelement.standin.IdempotencyStoreResource;
import dev.vodelement.standin.ImageServer;
import dev.vodelement.standin.VodStandIn;
import dev.vodelement.standin.VodStandIn.Fault;
import dev.vodelement.standin.VodStandInResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.ResponseBuilder;
import io.restassured.response.Response;

/**
 * {@code Idempotency-Key} end to end: POST /createElement, and function URL and API Gateway events,
 * against a real image host, the TC3-verifying VOD stand-in and a COS stand-in as the store (real
 * q-sign checks, real {@code x-cos-forbid-overwrite}). Nothing here waits on time: a request is
 * held "in flight" by the VOD stand-in until the test releases it.
 */
@QuarkusTest
@WithTestResource(VodStandInResource.class)
@WithTestResource(IdempotencyStoreResource.class)
class IdempotencyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ImageServer images;
    private final VodStandIn vod = VodStandIn.shared();
    private final CosStandIn store = IdempotencyStoreResource.cos;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @BeforeAll
    static void startImages() {
        images = ImageServer.start();
    }

    @AfterAll
    static void stopImages() {
        images.close();
    }

    @BeforeEach
    void reset() {
        vod.reset();
        store.reset();
        images.reset();
    }

    @Test
    void theFirstRequestCreatesTheElementAndRecordsItsAnswer() throws Exception {
        Response first = create("first-call", request("cat"));

        assertEquals(200, first.statusCode(), first.asString());
        assertNull(first.header(IdempotentAnswer.REPLAYED_HEADER), "a first answer is not a replay");
        assertEquals(1, vod.createdCount());
        assertEquals(vod.calls().get(0).elementId(), first.path("ElementId"));
        assertEquals(vod.calls().get(0).requestId(), first.path("RequestId"));

        List<String> keys = List.copyOf(store.keys());
        assertEquals(1, keys.size(), "the record and no lock: " + keys);
        assertTrue(keys.get(0).matches("idempotency/[0-9a-f]{64}\\.json"), keys.get(0));
        JsonNode record = JSON.readTree(store.objectText(keys.get(0)).orElseThrow());
        assertEquals(first.path("ElementId"), record.path("ElementId").asText());
        assertEquals(first.path("RequestId"), record.path("RequestId").asText());
        assertEquals(64, record.path("Fingerprint").asText().length());
        assertTrue(Instant.parse(record.path("CreatedAt").asText()).isBefore(Instant.now().plusSeconds(1)));
        assertFalse(store.objectText(keys.get(0)).orElseThrow().contains("first-call"), "the key is not stored");
        assertEquals(List.of("GET", "PUT", "GET", "PUT", "DELETE"),
                store.calls().stream().map(CosStandIn.Call::method).toList(),
                "record? lock, record again?, the record, the lock away");
        assertTrue(store.calls().stream().allMatch(c -> c.auth().equals("header")), "every store request is signed");
    }

    @Test
    void aRepeatGetsTheSameAnswerWithoutVodOrImages() throws Exception {
        Response first = create("replay", request("cat"));
        int imageRequests = images.requests().size();
        assertTrue(imageRequests > 0);

        // the same request, written differently: same fields after the rules
        Response again = create("replay", "{ \"ElementReferList\": [{\"ImageUrl\": \"" + images.url(
                ImageServer.SIDE_PNG) + "\"}], \"ElementName\": \"cat\", \"Unknown\": 1,"
                + " \"ElementDescription\": \"a test subject\", \"ElementFrontalImage\": \""
                + images.url(ImageServer.FRONT_JPEG) + "\" }");

        assertEquals(200, again.statusCode(), again.asString());
        assertEquals("true", again.header(IdempotentAnswer.REPLAYED_HEADER));
        assertEquals(first.path("ElementId"), (String) again.path("ElementId"));
        assertEquals(first.path("RequestId"), (String) again.path("RequestId"));
        assertEquals(1, vod.calls().size(), "VOD was not called again");
        assertEquals(imageRequests, images.requests().size(), "no image was fetched again");
    }

    @Test
    void theSameKeyWithAnotherRequestIs422() {
        Response first = create("reused", request("cat"));
        assertEquals(200, first.statusCode());

        Response other = create("reused", request("dog"));

        assertEquals(422, other.statusCode(), other.asString());
        assertEquals("FailedOperation.IdempotencyKeyReused", other.path("Error.Code"));
        assertTrue(other.<String>path("Error.Message").contains("Idempotency-Key was used for another request"),
                other.asString());
        assertNull(other.header(IdempotentAnswer.REPLAYED_HEADER));
        assertEquals(1, vod.calls().size());
        assertEquals(200, create("another-key", request("dog")).statusCode(), "a new key is a new request");
    }

    @Test
    void whileTheFirstRequestIsInFlightTheSameKeyIs409WithRetryAfter() throws Exception {
        vod.holdAnswers();
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> create("in-flight", request("cat")));
        vod.awaitHeldCall(60);

        Response duplicate = create("in-flight", request("cat"));

        assertEquals(409, duplicate.statusCode(), duplicate.asString());
        assertEquals("ResourceInUse.IdempotencyKey", duplicate.path("Error.Code"));
        int retryAfter = Integer.parseInt(duplicate.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
        assertEquals(409, create("in-flight", request("dog")).statusCode(),
                "in flight is in flight, whatever the body");

        vod.releaseAnswers();
        Response answered = first.get(60, TimeUnit.SECONDS);
        assertEquals(200, answered.statusCode(), answered.asString());
        Response later = create("in-flight", request("cat"));
        assertEquals(200, later.statusCode());
        assertEquals("true", later.header(IdempotentAnswer.REPLAYED_HEADER));
        assertEquals(answered.path("ElementId"), (String) later.path("ElementId"));
        assertEquals(1, vod.calls().size());
    }

    @Test
    void concurrentDuplicatesCallVodOnce() throws Exception {
        int duplicates = 6;
        vod.holdAnswers();
        ExecutorService pool = Executors.newFixedThreadPool(duplicates);
        try {
            CompletionService<Response> sent = new ExecutorCompletionService<>(pool);
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < duplicates; i++) {
                sent.submit(() -> {
                    start.await();
                    return create("together", request("cat"));
                });
            }
            start.countDown();
            vod.awaitHeldCall(60);
            // Every request but the lock holder's ends without VOD: all of them are answered while VOD is held.
            List<Response> answers = new ArrayList<>();
            for (int i = 1; i < duplicates; i++) {
                Future<Response> done = sent.poll(60, TimeUnit.SECONDS);
                assertNotNull(done, "a duplicate was not answered while the first one was held at VOD");
                answers.add(done.get());
            }
            vod.releaseAnswers();
            answers.add(sent.take().get(60, TimeUnit.SECONDS));

            assertEquals(1, vod.calls().size(), "one VOD call for all duplicates");
            Set<Integer> statuses = answers.stream().map(Response::statusCode).collect(Collectors.toSet());
            assertEquals(Set.of(200, 409), statuses, answers.stream().map(Response::asString).toList()::toString);
            assertEquals(200, answers.get(duplicates - 1).statusCode(), "the last answered is the one VOD answered");
            assertEquals(duplicates - 1, answers.stream().filter(r -> r.statusCode() == 409
                    && r.header("Retry-After") != null).count());
        } finally {
            vod.releaseAnswers();
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedRequestLeavesNoRecordAndTheKeyMayBeUsedAgain() {
        Response invalid = create("fix-and-retry", "{\"ElementName\":\"\",\"ElementDescription\":\"d\","
                + "\"ElementFrontalImage\":\"" + images.url(ImageServer.FRONT_JPEG) + "\",\"ElementReferList\":[]}");
        assertEquals(400, invalid.statusCode());
        vod.enqueue(Fault.SIGNATURE_FAILURE);
        Response refused = create("fix-and-retry", request("cat"));
        assertEquals(502, refused.statusCode(), refused.asString());
        assertEquals(Set.of(), store.keys(), "no record, no lock");

        Response created = create("fix-and-retry", request("cat"));
        assertEquals(200, created.statusCode(), created.asString());
        assertNull(created.header(IdempotentAnswer.REPLAYED_HEADER));
        assertEquals(1, vod.createdCount());
    }

    @Test
    void anElementWhoseRecordCouldNotBeWrittenWaitsInTheLockForTheRepeat() throws Exception {
        store.inject(new CosStandIn.Fault("PUT", ".json", 503), 3); // every attempt of the record's PUT

        Response first = create("stash", request("cat"));

        assertEquals(200, first.statusCode(), "the element exists: the caller gets it: " + first.asString());
        List<String> keys = List.copyOf(store.keys());
        assertEquals(1, keys.size(), keys::toString);
        assertTrue(keys.get(0).endsWith(".lock"), keys.get(0));
        assertEquals(first.path("ElementId"), JSON.readTree(store.objectText(keys.get(0)).orElseThrow())
                .path("ElementId").asText(), "the ElementId waits in the lock");

        assertEquals(422, create("stash", request("dog")).statusCode(), "the stash answers only its own request");
        Response again = create("stash", request("cat"));

        assertEquals(200, again.statusCode(), again.asString());
        assertEquals("true", again.header(IdempotentAnswer.REPLAYED_HEADER));
        assertEquals(first.path("ElementId"), (String) again.path("ElementId"));
        assertEquals(1, vod.calls().size());
        assertTrue(List.copyOf(store.keys()).get(0).endsWith(".json"), "recorded, lock gone: " + store.keys());
        assertEquals(1, store.keys().size());
    }

    @Test
    void anExpiredRecordRefusesNothing() throws Exception {
        Response first = create("old", request("cat"));
        String recordKey = List.copyOf(store.keys()).get(0);
        ObjectNode record = (ObjectNode) JSON.readTree(store.objectText(recordKey).orElseThrow());
        record.put("CreatedAt", Instant.now().minusSeconds(25 * 3600).toString()).put("Fingerprint", "other");
        store.putObject(recordKey, JSON.writeValueAsBytes(record), "application/json");

        Response again = create("old", request("dog"));

        assertEquals(200, again.statusCode(), "a record past vod.idempotency.retention (24 h) is a leftover: "
                + again.asString());
        assertNull(again.header(IdempotentAnswer.REPLAYED_HEADER));
        assertEquals(2, vod.createdCount());
        assertNotEquals(first.<String>path("ElementId"), again.<String>path("ElementId"));
        assertEquals(again.path("ElementId"), JSON.readTree(store.objectText(recordKey).orElseThrow())
                .path("ElementId").asText(), "the leftover was replaced");
    }

    @Test
    void badKeysAre400NamingTheHeaderAndTheRule() throws Exception {
        assertBadKey(create("", request("cat")), "found an empty value");
        assertBadKey(create("k".repeat(256), request("cat")), "found 256 characters");
        assertBadKey(create("a\tb", request("cat")), "found a control character (U+0009) at position 2");
        assertBadKey(rawPost("caf\u00e9".getBytes(StandardCharsets.UTF_8)), "found a non-ASCII character (U+00C3)"
                + " at position 4");
        // Other control characters never reach the function over HTTP: the HTTP server itself refuses
        // the request (400, empty body); in an event's headers they do arrive, see the function URL test.
        assertEquals(400, rawPost(new byte[] { 'a', 0x01, 'b' }).statusCode());
        assertEquals(0, vod.calls().size());
        assertEquals(0, store.calls().size(), "refused before the store");
        assertEquals(0, images.requests().size(), "refused before the images");
    }

    @Test
    void validateElementIgnoresTheHeader() {
        given().contentType("application/json").header(IdempotencyKey.HEADER, "bad key \u0001")
                .body(request("cat")).post("/validateElement")
                .then().statusCode(200);
        assertEquals(0, store.calls().size());
    }

    @Test
    void functionUrlEventsReplayWithTheHeaderInTheirAnswer() throws Exception {
        JsonNode first = invoke(functionUrlEvent("url-key", request("cat")));
        JsonNode again = invoke(functionUrlEvent("url-key", request("cat")));
        JsonNode other = invoke(functionUrlEvent("url-key", request("dog")));

        assertEquals(200, first.path("statusCode").asInt(), first::toString);
        assertTrue(first.path("headers").path(IdempotentAnswer.REPLAYED_HEADER).isMissingNode());
        assertEquals(200, again.path("statusCode").asInt(), again::toString);
        assertEquals("true", again.path("headers").path(IdempotentAnswer.REPLAYED_HEADER).asText());
        assertEquals(JSON.readTree(first.path("body").asText()), JSON.readTree(again.path("body").asText()));
        assertEquals(422, other.path("statusCode").asInt(), other::toString);
        assertEquals(1, vod.calls().size());
        // over HTTP, the same key in the same scope replays the same answer
        Response http = create("url-key", request("cat"));
        assertEquals("true", http.header(IdempotentAnswer.REPLAYED_HEADER));
        assertEquals(JSON.readTree(first.path("body").asText()).path("ElementId").asText(), http.path("ElementId"));

        ObjectNode badKey = functionUrlEvent("bad\u0007", request("cat"));
        JsonNode refused = invoke(badKey);
        assertEquals(400, refused.path("statusCode").asInt());
        assertEquals(IdempotencyKey.INVALID_CODE, JSON.readTree(refused.path("body").asText()).path("Error")
                .path("Code").asText());
    }

    @Test
    void apiGatewayKeysAreScopedByTheGatewaysSecretId() throws Exception {
        JsonNode first = invoke(apiGatewayEvent("gw-key", "AKIDappOne", request("cat")));
        JsonNode again = invoke(apiGatewayEvent("gw-key", "AKIDappOne", request("cat")));
        JsonNode otherApp = invoke(apiGatewayEvent("gw-key", "AKIDappTwo", request("cat")));

        assertEquals(200, first.path("statusCode").asInt(), first::toString);
        assertEquals("true", again.path("headers").path(IdempotentAnswer.REPLAYED_HEADER).asText(), again::toString);
        assertEquals(200, otherApp.path("statusCode").asInt(), otherApp::toString);
        assertTrue(otherApp.path("headers").path(IdempotentAnswer.REPLAYED_HEADER).isMissingNode(),
                "another caller's key space: its own element");
        assertEquals(2, vod.createdCount());
        assertEquals(2, store.keys().size());
    }

    @Test
    void aReplayIsLoggedAsReplayedWithTheRecordedIds() {
        try (LogCapture log = LogCapture.of("dev.vodelement")) {
            Response first = create("logged", request("cat"));
            create("logged", request("cat"));
            String elementId = first.path("ElementId");
            List<String> replayed = log.linesWith("createElement outcome=replayed status=200 ",
                    " elementId=" + elementId + " ");
            assertEquals(1, replayed.size(), log.lines()::toString);
            assertTrue(replayed.get(0).contains(" attempts=0 "), replayed.get(0));
            assertTrue(log.lines().stream().noneMatch(line -> line.contains("logged")), "keys are never logged");
        }
    }

    private static void assertBadKey(Response response, String found) {
        assertEquals(400, response.statusCode(), response.asString());
        assertEquals("InvalidParameterValue.IdempotencyKey", response.path("Error.Code"));
        assertEquals("Idempotency-Key must be 1 to 255 visible ASCII characters (0x21 to 0x7E), " + found,
                response.path("Error.Message"));
    }

    private Response create(String key, String body) {
        return given().contentType("application/json").header(IdempotencyKey.HEADER, key).body(body)
                .when().post("/createElement");
    }

    /** A request with header bytes no HTTP client library would send. */
    private Response rawPost(byte[] key) throws Exception {
        byte[] body = request("cat").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /createElement HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Connection: close\r\nContent-Length: " + body.length + "\r\nIdempotency-Key: ")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(key);
            out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(raw.substring(9, 12));
            String json = raw.substring(raw.indexOf("\r\n\r\n") + 4);
            return new ResponseBuilder().setStatusCode(status).setBody(json)
                    .setContentType("application/json").build();
        }
    }

    private String request(String name) {
        return "{\"ElementName\":\"" + name + "\",\"ElementDescription\":\"a test subject\","
                + "\"ElementFrontalImage\":\"" + images.url(ImageServer.FRONT_JPEG) + "\","
                + "\"ElementReferList\":[{\"ImageUrl\":\"" + images.url(ImageServer.SIDE_PNG) + "\"}]}";
    }

    private static ObjectNode functionUrlEvent(String key, String body) {
        ObjectNode event = (ObjectNode) CosEvents.sample("events/function-url.json");
        event.put("body", body);
        ((ObjectNode) event.path("headers")).put("idempotency-key", key);
        return event;
    }

    private static ObjectNode apiGatewayEvent(String key, String secretId, String body) {
        ObjectNode event = (ObjectNode) CosEvents.sample("events/api-gateway.json");
        event.put("body", body);
        ((ObjectNode) event.path("headers")).put("Idempotency-Key", key);
        ((ObjectNode) event.path("requestContext").path("identity")).put("secretId", secretId);
        return event;
    }

    private static JsonNode invoke(JsonNode event) throws Exception {
        String answer = given().contentType("application/json").body(event.toString())
                .when().post("/event-invoke")
                .then().statusCode(200)
                .extract().asString();
        return JSON.readTree(answer);
    }
}
