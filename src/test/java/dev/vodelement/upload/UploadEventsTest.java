package dev.vodelement.upload;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.invocation.LogCapture;
import dev.vodelement.standin.CosEvents;
import dev.vodelement.standin.CosStandIn;
import dev.vodelement.standin.VodStandIn;
import dev.vodelement.standin.VodStandIn.Fault;
import dev.vodelement.standin.VodStandInResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * COS upload events through {@code POST /event-invoke}, end to end: a private bucket on a
 * q-sign-verifying COS stand-in, the real image checks through pre-signed URLs, and VOD's
 * TC3-verifying stand-in.
 */
@QuarkusTest
@WithTestResource(VodStandInResource.class)
class UploadEventsTest {

    static final CosStandIn COS = CosStandIn.start()
            .accept(VodStandIn.SECRET_ID, VodStandIn.SECRET_KEY, null)
            .accept(VodStandIn.TEMP_SECRET_ID, VodStandIn.TEMP_SECRET_KEY, VodStandIn.TEMP_TOKEN);
    static final String RESULT = "elements/cat.element.result.json";
    static final String ERROR = "elements/cat.element.error.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final VodStandIn vod = VodStandIn.shared();

    @BeforeEach
    void reset() {
        COS.reset();
        COS.privateBucket(true);
        vod.reset();
        vod.slowAnswersTake(3_000);
    }

    @AfterAll
    static void stop() {
        COS.close();
    }

    @Test
    void uploadingTheCatLeavesItsResultObjectWithTheElementId() throws Exception {
        CosEvents.putCat(COS);

        JsonNode answer = deliver(CosEvents.upload(COS, CosEvents.CAT_MANIFEST), 200);

        JsonNode result = answer.path("Results").get(0);
        assertEquals("elements/cat.element.json", result.path("Manifest").asText());
        assertEquals("created", result.path("Status").asText());
        String elementId = result.path("ElementId").asText();
        assertEquals(vod.calls().get(0).elementId(), elementId);

        JsonNode recorded = MAPPER.readTree(COS.objectText(RESULT).orElseThrow());
        assertEquals(elementId, recorded.path("ElementId").asText());
        assertEquals(vod.calls().get(0).requestId(), recorded.path("RequestId").asText());
        assertEquals("elements/cat.element.json", recorded.path("Manifest").asText());
        assertNotNull(Instant.parse(recorded.path("CreatedAt").asText()));
        assertEquals(List.of("elements/cat.element.json", "elements/cat.element.result.json",
                "elements/images/cat-front.jpg", "elements/images/cat-side.png", "shared/cat-back.jpg"),
                List.copyOf(COS.keys()), "no error object and no lock object is left");
        assertEquals(1, vod.createdCount());
        assertEquals(List.of("GET elements/cat.element.result.json 404", "PUT elements/cat.element.lock 200",
                "GET elements/cat.element.result.json 404", "GET elements/cat.element.json 200",
                "PUT elements/cat.element.result.json 200", "DELETE elements/cat.element.lock 204"),
                signedRequests(), "the result object is written before the lock goes, and both after VOD answered");
    }

    @Test
    void vodGetsPreSignedUrlsThatReadThePrivateImages() throws Exception {
        CosEvents.putCat(COS);
        deliver(CosEvents.upload(COS, CosEvents.CAT_MANIFEST), 200);

        JsonNode sent = vod.calls().get(0).json();
        String frontal = sent.path("ElementFrontalImage").asText();
        String back = sent.path("ElementReferList").get(1).path("ImageUrl").asText();
        assertTrue(frontal.startsWith(COS.objectUrl("elements/images/cat-front.jpg") + "?q-sign-algorithm=sha1&"),
                frontal);
        assertTrue(back.startsWith(COS.objectUrl("shared/cat-back.jpg") + "?"), back);
        HttpClient http = HttpClient.newHttpClient();
        for (String url : List.of(frontal, back)) {
            HttpResponse<byte[]> image = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, image.statusCode(), url);
        }
        assertEquals(403, http.send(HttpRequest.newBuilder(URI.create(COS.objectUrl("shared/cat-back.jpg"))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), "the bucket really is private");
    }

    @Test
    void eachManifestIsLoggedWithItsElementIdAndRequestIdCreatedAndExisting() throws Exception {
        CosEvents.putCat(COS);
        String event = CosEvents.upload(COS, CosEvents.CAT_MANIFEST);
        try (LogCapture log = LogCapture.of("dev.vodelement")) {
            String elementId = deliver(event, 200).path("Results").get(0).path("ElementId").asText();
            deliver(event, 200);

            String requestId = vod.calls().get(0).requestId();
            String created = single(log.linesWith("manifest=elements/cat.element.json status=created"));
            assertTrue(created.contains(" elementId=" + elementId + " requestId=" + requestId + " attempts=1"),
                    created);
            String existing = single(log.linesWith("manifest=elements/cat.element.json status=existing"));
            assertTrue(existing.contains(" elementId=" + elementId + " requestId=" + requestId + " "), existing);
            List<String> invocations = log.linesWith("event-invoke outcome=ok status=200 ",
                    " elementId=" + elementId + " ");
            assertEquals(2, invocations.size(), log.lines().toString());
            assertTrue(invocations.get(0).contains("manifests: created=1 existing=0"), invocations.get(0));
            assertTrue(invocations.get(1).contains("manifests: created=0 existing=1"), invocations.get(1));
        }
    }

    private static String single(List<String> lines) {
        assertEquals(1, lines.size(), lines.toString());
        return lines.get(0);
    }

    @Test
    void deliveringTheSameEventAgainCreatesNothingNew() throws Exception {
        CosEvents.putCat(COS);
        String event = CosEvents.upload(COS, CosEvents.CAT_MANIFEST);
        String elementId = deliver(event, 200).path("Results").get(0).path("ElementId").asText();
        String recorded = COS.objectText(RESULT).orElseThrow();

        JsonNode again = deliver(event, 200).path("Results").get(0);

        assertEquals("existing", again.path("Status").asText());
        assertEquals(elementId, again.path("ElementId").asText());
        assertEquals(1, vod.calls().size());
        assertEquals("GET elements/cat.element.result.json 200", signedRequests().get(signedRequests().size() - 1));
        assertEquals(7, signedRequests().size(), "a known upload costs one COS request: " + signedRequests());
        assertEquals(recorded, COS.objectText(RESULT).orElseThrow(), "the result object is not rewritten");
    }

    @Test
    void concurrentDeliveriesOfOneUploadMakeExactlyOneVodCall() throws Exception {
        CosEvents.putCat(COS);
        String event = CosEvents.upload(COS, CosEvents.CAT_MANIFEST);
        vod.slowAnswersTake(600);
        vod.enqueue(Fault.SLOW); // the first create takes a while, so that the others find it under way
        int deliveries = 4;
        ExecutorService pool = Executors.newFixedThreadPool(deliveries);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            answers.add(pool.submit((Callable<Response>) () -> {
                start.await();
                return given().contentType("application/json").body(event).post("/event-invoke");
            }));
        }
        start.countDown();
        List<String> statuses = new ArrayList<>();
        for (Future<Response> answer : answers) {
            Response response = answer.get(60, TimeUnit.SECONDS);
            statuses.add(response.statusCode() == 200
                    ? MAPPER.readTree(response.asString()).path("Results").get(0).path("Status").asText()
                    : "HTTP " + response.statusCode());
        }
        pool.shutdownNow();

        assertEquals(1, vod.calls().size(), statuses.toString());
        assertEquals(1, statuses.stream().filter("created"::equals).count(), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s.equals("created") || s.equals("existing") || s.equals("HTTP 503")),
                statuses.toString());
        assertEquals(vod.calls().get(0).elementId(),
                MAPPER.readTree(COS.objectText(RESULT).orElseThrow()).path("ElementId").asText());
        assertDeliveredAgainIsExisting(event);
    }

    @Test
    void vodRateLimitedPastItsRetriesFailsTheInvocationAndLeavesNoOutcome() throws Exception {
        CosEvents.putCat(COS);
        String event = CosEvents.upload(COS, CosEvents.CAT_MANIFEST);
        vod.enqueue(Fault.RATE_LIMITED, Fault.RATE_LIMITED, Fault.RATE_LIMITED);

        Response failed = given().contentType("application/json").body(event).post("/event-invoke");

        assertEquals(503, failed.statusCode());
        assertNotNull(failed.header("Retry-After"));
        JsonNode error = MAPPER.readTree(failed.asString());
        assertEquals("RequestLimitExceeded", error.path("Error").path("Code").asText());
        assertTrue(error.path("Error").path("Message").asText().contains("elements/cat.element.json"));
        assertBucketHoldsOnly("elements/cat.element.json", "elements/images/cat-front.jpg",
                "elements/images/cat-side.png", "shared/cat-back.jpg");

        // SCF's retry then succeeds: the lock was released.
        assertEquals("created", deliver(event, 200).path("Results").get(0).path("Status").asText());
        assertEquals(1, vod.createdCount());
    }

    @Test
    void aManifestVodRefusesGetsAnErrorObjectWithVodsCodeAndRequestId() throws Exception {
        CosEvents.putCat(COS);
        vod.enqueue(Fault.SIGNATURE_FAILURE);

        JsonNode result = deliver(CosEvents.upload(COS, CosEvents.CAT_MANIFEST), 200).path("Results").get(0);

        assertEquals("rejected", result.path("Status").asText());
        assertEquals("AuthFailure.SignatureFailure", result.path("Error").path("Code").asText());
        JsonNode error = MAPPER.readTree(COS.objectText(ERROR).orElseThrow());
        assertEquals("AuthFailure.SignatureFailure", error.path("Error").path("Code").asText());
        assertEquals(vod.calls().get(0).requestId(), error.path("RequestId").asText());
        assertFalse(COS.keys().contains(RESULT));
        assertFalse(COS.keys().stream().anyMatch(k -> k.contains(".lock")));
        assertEquals(1, vod.calls().size());
    }

    @Test
    void aManifestWithABadImageGetsAnErrorObjectAndTheInvocationSucceeds() throws Exception {
        CosEvents.putCat(COS);
        COS.putObject("shared/cat-back.jpg", CosEvents.jpeg(200, 200), "image/jpeg");

        JsonNode result = deliver(CosEvents.upload(COS, CosEvents.CAT_MANIFEST), 200).path("Results").get(0);

        assertEquals("rejected", result.path("Status").asText());
        assertEquals("InvalidParameterValue.ElementReferList", result.path("Error").path("Code").asText());
        JsonNode error = MAPPER.readTree(COS.objectText(ERROR).orElseThrow());
        assertEquals("InvalidParameterValue.ElementReferList", error.path("Error").path("Code").asText());
        String message = error.path("Error").path("Message").asText();
        assertTrue(message.contains("shared/cat-back.jpg"), message);
        assertEquals("elements/cat.element.json", error.path("Manifest").asText());
        assertNotNull(Instant.parse(error.path("At").asText()));
        assertFalse(COS.keys().contains(RESULT));
        assertEquals(0, vod.calls().size());
        assertNoSecretsInTheBucket();
    }

    @Test
    void anImageTheBucketCannotServeRightNowFailsTheInvocationInsteadOfRejectingTheManifest() throws Exception {
        CosEvents.putCat(COS);
        String event = CosEvents.upload(COS, CosEvents.CAT_MANIFEST);
        COS.inject(new CosStandIn.Fault("GET", "cat-side.png", 503), 1);

        Response failed = given().contentType("application/json").body(event).post("/event-invoke");

        assertEquals(503, failed.statusCode());
        assertNotNull(failed.header("Retry-After"));
        assertTrue(failed.asString().contains("HTTP 503"), failed.asString());
        assertFalse(COS.keys().contains(ERROR), "COS being unavailable is no verdict on the manifest");
        assertFalse(COS.keys().contains(RESULT));
        assertEquals(0, vod.calls().size());

        JsonNode retried = deliver(event, 200).path("Results").get(0);
        assertEquals("created", retried.path("Status").asText());
        assertEquals(1, vod.createdCount());
    }

    @Test
    void aMissingImageObjectIsRejectedNamingItsKey() throws Exception {
        CosEvents.putCat(COS);
        COS.putObject(CosEvents.CAT_MANIFEST, """
                {"ElementName": "cat", "ElementDescription": "a cat",
                 "ElementFrontalImage": "images/cat-front.jpg",
                 "ElementReferList": [{"ImageUrl": "images/not-uploaded.png"}]}""".getBytes(), "application/json");

        JsonNode result = deliver(CosEvents.upload(COS, CosEvents.CAT_MANIFEST), 200).path("Results").get(0);

        assertEquals("rejected", result.path("Status").asText());
        assertTrue(result.path("Error").path("Message").asText().contains("elements/images/not-uploaded.png"),
                result.toString());
        assertTrue(COS.keys().contains(ERROR));
        assertEquals(0, vod.calls().size());
        assertNoSecretsInTheBucket();
    }

    @Test
    void aManifestBreakingFieldRulesIsRejectedWithEveryRuleNamed() throws Exception {
        CosEvents.putCat(COS);
        COS.putObject(CosEvents.CAT_MANIFEST, ("{\"ElementName\": \"" + "n".repeat(21) + "\", "
                + "\"ElementFrontalImage\": \"images/cat-front.jpg\", \"ElementReferList\": []}").getBytes(),
                "application/json");

        JsonNode result = deliver(CosEvents.upload(COS, CosEvents.CAT_MANIFEST), 200).path("Results").get(0);

        assertEquals("rejected", result.path("Status").asText());
        JsonNode error = MAPPER.readTree(COS.objectText(ERROR).orElseThrow()).path("Error");
        assertEquals("InvalidParameterValue.ElementName", error.path("Code").asText());
        String message = error.path("Message").asText();
        assertTrue(message.contains("ElementName must be 1 to 20 characters, found 21")
                && message.contains("ElementDescription is required")
                && message.contains("ElementReferList must have 1 to 3 entries, found 0"), message);
        assertEquals(0, vod.calls().size());
        assertFalse(COS.keys().stream().anyMatch(k -> k.contains(".lock")));
    }

    @Test
    void anImageKeyClimbingOutOfTheBucketIsRejected() throws Exception {
        COS.putObject(CosEvents.CAT_MANIFEST, ("{\"ElementName\": \"cat\", \"ElementDescription\": \"a cat\", "
                + "\"ElementFrontalImage\": \"../../outside.jpg\", "
                + "\"ElementReferList\": [{\"ImageUrl\": \"images/cat-side.png\"}]}").getBytes(), "application/json");

        JsonNode result = deliver(CosEvents.upload(COS, CosEvents.CAT_MANIFEST), 200).path("Results").get(0);

        assertEquals("rejected", result.path("Status").asText());
        JsonNode error = MAPPER.readTree(COS.objectText(ERROR).orElseThrow()).path("Error");
        assertEquals("InvalidParameterValue.ElementFrontalImage", error.path("Code").asText());
        assertTrue(error.path("Message").asText().contains("does not name an object inside the bucket"),
                error.toString());
        assertEquals(0, vod.calls().size());
    }

    @Test
    void aManifestThatIsNotJsonIsRejected() throws Exception {
        COS.putObject(CosEvents.CAT_MANIFEST, "{\"ElementName\": ".getBytes(), "application/json");

        JsonNode result = deliver(CosEvents.upload(COS, CosEvents.CAT_MANIFEST), 200).path("Results").get(0);

        assertEquals("rejected", result.path("Status").asText());
        assertEquals("InvalidParameter", result.path("Error").path("Code").asText());
        assertTrue(result.path("Error").path("Message").asText().contains("not valid JSON"), result.toString());
        assertTrue(COS.keys().contains(ERROR));
    }

    @Test
    void aFixedManifestUploadedAgainIsCreatedDespiteTheEarlierErrorObject() throws Exception {
        CosEvents.putCat(COS);
        COS.putObject("shared/cat-back.jpg", CosEvents.jpeg(200, 200), "image/jpeg");
        String event = CosEvents.upload(COS, CosEvents.CAT_MANIFEST);
        assertEquals("rejected", deliver(event, 200).path("Results").get(0).path("Status").asText());

        COS.putObject("shared/cat-back.jpg", CosEvents.jpeg(600, 800), "image/jpeg");

        assertEquals("created", deliver(event, 200).path("Results").get(0).path("Status").asText());
        assertTrue(COS.keys().contains(RESULT));
    }

    @Test
    void cosUnreachableFailsTheInvocation() throws Exception {
        Response failed = given().contentType("application/json")
                .body(CosEvents.upload(key -> CosStandIn.unreachableUrl(key), CosEvents.CAT_MANIFEST))
                .post("/event-invoke");

        assertEquals(503, failed.statusCode());
        JsonNode error = MAPPER.readTree(failed.asString()).path("Error");
        assertEquals("ServiceUnavailable", error.path("Code").asText());
        assertTrue(error.path("Message").asText().contains("could not be reached"), error.toString());
        assertEquals(0, vod.calls().size());
    }

    @Test
    void cosRefusingTheCredentialsIsAMisconfigurationThatFailsTheInvocation() throws Exception {
        CosEvents.putCat(COS);

        Response refused = given().contentType("application/json")
                .header("X-Scf-Secret-Id", "AKIDunknownToThisBucket000000000000")
                .header("X-Scf-Secret-Key", "someOtherAccountsSecretKey000000")
                .body(CosEvents.upload(COS, CosEvents.CAT_MANIFEST)).post("/event-invoke");

        assertEquals(500, refused.statusCode());
        JsonNode error = MAPPER.readTree(refused.asString()).path("Error");
        assertEquals("CosAccessDenied", error.path("Code").asText());
        assertTrue(error.path("Message").asText().contains("InvalidAccessKeyId"), error.toString());
        assertFalse(refused.asString().contains("someOtherAccountsSecretKey"));
        assertBucketHoldsOnly("elements/cat.element.json", "elements/images/cat-front.jpg",
                "elements/images/cat-side.png", "shared/cat-back.jpg");
        assertEquals(0, vod.calls().size());
    }

    @Test
    void aResultObjectThatCannotBeWrittenFailsTheInvocationAndTheRetryRecordsTheSameElement() throws Exception {
        CosEvents.putCat(COS);
        String event = CosEvents.upload(COS, CosEvents.CAT_MANIFEST);
        COS.inject(new CosStandIn.Fault("PUT", ".element.result.json", 503), 3);

        Response failed = given().contentType("application/json").body(event).post("/event-invoke");

        assertEquals(503, failed.statusCode());
        String elementId = vod.calls().get(0).elementId();
        String message = MAPPER.readTree(failed.asString()).path("Error").path("Message").asText();
        assertTrue(message.contains(elementId) && message.contains("a retry records it"), message);
        assertFalse(COS.keys().contains(RESULT));
        assertEquals(elementId, MAPPER.readTree(COS.objectText("elements/cat.element.lock").orElseThrow())
                .path("ElementId").asText(), "the created element waits in the lock object");

        JsonNode retried = deliver(event, 200).path("Results").get(0);

        assertEquals("existing", retried.path("Status").asText());
        assertEquals(elementId, retried.path("ElementId").asText());
        assertEquals(elementId, MAPPER.readTree(COS.objectText(RESULT).orElseThrow()).path("ElementId").asText());
        assertFalse(COS.keys().stream().anyMatch(k -> k.contains(".lock")));
        assertEquals(1, vod.calls().size());
    }

    @Test
    void anotherInvocationsLiveLockMakesTheDeliveryFailForALaterRetry() throws Exception {
        CosEvents.putCat(COS);
        String held = "{\"Holder\":\"other\",\"Manifest\":\"elements/cat.element.json\",\"ExpiresAt\":\""
                + Instant.now().plusSeconds(3600) + "\"}";
        COS.putObject("elements/cat.element.lock", held.getBytes(), "application/json");

        Response busy = given().contentType("application/json").body(CosEvents.upload(COS, CosEvents.CAT_MANIFEST))
                .post("/event-invoke");

        assertEquals(503, busy.statusCode());
        assertTrue(busy.asString().contains("being processed by another invocation"), busy.asString());
        long retryAfter = Long.parseLong(busy.header("Retry-After"));
        assertTrue(retryAfter > 3000 && retryAfter <= 3600, "retry once the lock has expired, not before: "
                + retryAfter);
        assertEquals(0, vod.calls().size());
        assertEquals(held, COS.objectText("elements/cat.element.lock").orElseThrow());
    }

    @Test
    void aManifestWhoseEveryLockLevelDiedEndsWithAnErrorObject() throws Exception {
        CosEvents.putCat(COS);
        String dead = "{\"Holder\":\"crashed\",\"ExpiresAt\":\"" + Instant.now().minusSeconds(1) + "\"}";
        COS.putObject("elements/cat.element.lock", dead.getBytes(), "application/json");
        for (int level = 2; level <= 8; level++) {
            COS.putObject("elements/cat.element.lock." + level, dead.getBytes(), "application/json");
        }

        JsonNode result = deliver(CosEvents.upload(COS, CosEvents.CAT_MANIFEST), 200).path("Results").get(0);

        assertEquals("rejected", result.path("Status").asText(), result::toString);
        JsonNode error = MAPPER.readTree(COS.objectText(ERROR).orElseThrow());
        assertEquals("ManifestLockExhausted", error.path("Error").path("Code").asText(), error::toString);
        assertTrue(error.path("Error").path("Message").asText().contains("delete those lock objects"), error::toString);
        assertEquals(0, vod.calls().size());
    }

    @Test
    void aCrashedInvocationsExpiredLockIsPassedOver() throws Exception {
        CosEvents.putCat(COS);
        COS.putObject("elements/cat.element.lock", ("{\"Holder\":\"crashed\",\"ExpiresAt\":\""
                + Instant.now().minusSeconds(1) + "\"}").getBytes(), "application/json");

        assertEquals("created", deliver(CosEvents.upload(COS, CosEvents.CAT_MANIFEST), 200).path("Results").get(0)
                .path("Status").asText());
        assertFalse(COS.keys().stream().anyMatch(k -> k.contains(".lock")), COS.keys().toString());
    }

    @Test
    void aForgedEventNamingAnotherHostGetsNoRequestAndNoSignature() throws Exception {
        String event = CosEvents.upload(key -> "http://attacker.example:" + COS.port() + "/" + key,
                CosEvents.CAT_MANIFEST);

        JsonNode result = deliver(event, 200).path("Results").get(0);

        assertEquals("rejected", result.path("Status").asText());
        assertEquals("InvalidParameter", result.path("Error").path("Code").asText());
        assertTrue(result.path("Error").path("Message").asText().contains("attacker.example"), result.toString());
        assertEquals(List.of(), COS.calls());
        assertEquals(0, vod.calls().size());
    }

    @Test
    void everyRecordIsAnsweredAndOnlyManifestsAreProcessed() throws Exception {
        CosEvents.putCat(COS);

        JsonNode results = deliver(CosEvents.upload(COS, CosEvents.CAT_MANIFEST, "elements/images/cat-front.jpg",
                RESULT), 200).path("Results");

        assertEquals(3, results.size());
        assertEquals("created", results.get(0).path("Status").asText());
        assertEquals("ignored", results.get(1).path("Status").asText());
        assertEquals("elements/images/cat-front.jpg", results.get(1).path("Manifest").asText());
        assertEquals("ignored", results.get(2).path("Status").asText());
        assertEquals(1, vod.calls().size());
    }

    @Test
    void perInvocationHeadersSignEveryRequestOfThatInvocation() throws Exception {
        CosEvents.putCat(COS);

        Response response = given().contentType("application/json")
                .header("X-Scf-Secret-Id", VodStandIn.TEMP_SECRET_ID)
                .header("X-Scf-Secret-Key", VodStandIn.TEMP_SECRET_KEY)
                .header("X-Scf-Session-Token", VodStandIn.TEMP_TOKEN)
                .body(CosEvents.upload(COS, CosEvents.CAT_MANIFEST)).post("/event-invoke");

        assertEquals(200, response.statusCode(), response.asString());
        assertTrue(COS.calls().stream().filter(c -> !c.auth().equals("query")).allMatch(
                c -> c.headers().get("authorization").contains("q-ak=" + VodStandIn.TEMP_SECRET_ID)
                        && VodStandIn.TEMP_TOKEN.equals(c.headers().get("x-cos-security-token"))));
        VodStandIn.Call call = vod.calls().get(0);
        assertTrue(call.signatureValid());
        assertEquals(VodStandIn.TEMP_TOKEN, call.headers().get("x-tc-token"));
        assertTrue(call.json().path("ElementFrontalImage").asText()
                .contains("&x-cos-security-token=" + VodStandIn.TEMP_TOKEN));
        assertNoSecretsInTheBucket();
    }

    @Test
    void concurrentInvocationsNeverBorrowEachOthersCredentials() throws Exception {
        CosEvents.putCat(COS);
        COS.putObject("pets/dog.element.json", ("{\"ElementName\": \"dog\", \"ElementDescription\": \"a dog\", "
                + "\"ElementFrontalImage\": \"/elements/images/cat-front.jpg\", "
                + "\"ElementReferList\": [{\"ImageUrl\": \"/shared/cat-back.jpg\"}]}").getBytes(), "application/json");
        String cat = CosEvents.upload(COS, CosEvents.CAT_MANIFEST);
        String dog = CosEvents.upload(COS, "pets/dog.element.json");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            boolean temporary = i % 2 == 0;
            statuses.add(pool.submit(() -> {
                start.await();
                var request = given().contentType("application/json").body(temporary ? cat : dog);
                if (temporary) {
                    request.header("X-Scf-Secret-Id", VodStandIn.TEMP_SECRET_ID)
                            .header("X-Scf-Secret-Key", VodStandIn.TEMP_SECRET_KEY)
                            .header("X-Scf-Session-Token", VodStandIn.TEMP_TOKEN);
                }
                return request.post("/event-invoke").statusCode();
            }));
        }
        start.countDown();
        for (Future<Integer> status : statuses) {
            assertEquals(200, status.get(60, TimeUnit.SECONDS));
        }
        pool.shutdownNow();

        for (CosStandIn.Call call : COS.calls()) {
            if (call.auth().equals("header")) {
                String expected = call.key().startsWith("pets/") ? VodStandIn.SECRET_ID : VodStandIn.TEMP_SECRET_ID;
                assertTrue(call.headers().get("authorization").contains("q-ak=" + expected), call.toString());
                assertEquals(call.key().startsWith("pets/") ? null : VodStandIn.TEMP_TOKEN,
                        call.headers().get("x-cos-security-token"), call.toString());
            }
        }
        for (VodStandIn.Call call : vod.calls()) {
            boolean isDog = call.json().path("ElementName").asText().equals("dog");
            assertEquals(isDog ? null : VodStandIn.TEMP_TOKEN, call.headers().get("x-tc-token"));
            assertTrue(call.signatureValid());
        }
        assertEquals(2, vod.createdCount());
    }

    @Test
    void absoluteImageUrlsInAManifestAreUsedAsTheyAre() throws Exception {
        CosEvents.putCat(COS);
        COS.privateBucket(false);
        String frontal = COS.objectUrl("elements/images/cat-front.jpg");
        COS.putObject(CosEvents.CAT_MANIFEST, ("{\"ElementName\": \"cat\", \"ElementDescription\": \"a cat\", "
                + "\"ElementFrontalImage\": \"" + frontal + "\", "
                + "\"ElementReferList\": [{\"ImageUrl\": \"images/cat-side.png\"}]}").getBytes(), "application/json");

        deliver(CosEvents.upload(COS, CosEvents.CAT_MANIFEST), 200);

        assertEquals(frontal, vod.calls().get(0).json().path("ElementFrontalImage").asText());
    }

    private void assertDeliveredAgainIsExisting(String event) throws Exception {
        assertEquals("existing", deliver(event, 200).path("Results").get(0).path("Status").asText());
    }

    /** COS requests signed in the Authorization header (not the image reads through pre-signed URLs). */
    private static List<String> signedRequests() {
        return COS.calls().stream().filter(c -> c.auth().equals("header"))
                .map(c -> c.method() + " " + c.key() + " " + c.status()).toList();
    }

    private static void assertBucketHoldsOnly(String... keys) {
        assertEquals(List.of(keys), List.copyOf(COS.keys()));
    }

    /** Outcome and lock objects never carry a key, a token or a signature. */
    private static void assertNoSecretsInTheBucket() {
        for (String key : COS.keys()) {
            if (key.endsWith(".json") || key.contains(".lock")) {
                String text = COS.objectText(key).orElseThrow();
                for (String secret : List.of(VodStandIn.SECRET_KEY, VodStandIn.TEMP_SECRET_KEY, VodStandIn.TEMP_TOKEN)) {
                    assertFalse(text.contains(secret), key + " holds a secret: " + text);
                }
                assertFalse(text.matches("(?s).*q-signature=[0-9a-f]{40}.*"), key + " holds a signature: " + text);
            }
        }
    }

    static JsonNode deliver(String event, int expectedStatus) throws Exception {
        Response response = given().contentType("application/json").body(event).post("/event-invoke");
        assertEquals(expectedStatus, response.statusCode(), response.asString());
        return MAPPER.readTree(response.asString());
    }
}
