package dev.vodelement.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.bench.ColdStartImages;
import dev.vodelement.deploy.CrashTestFunctions.Function;
import dev.vodelement.standin.CosStandIn;
import dev.vodelement.standin.ImageServer;
import dev.vodelement.standin.VodStandIn;

/**
 * The packaged function killed with SIGKILL in the middle of a {@code POST /createElement} with an
 * {@code Idempotency-Key}, at the same steps as the upload flow (UploadCrashIT, whose process
 * machinery this shares), then the caller's retry, with the same key and body, to a fresh process:
 * {@code 409} with {@code Retry-After} while the dead request's lock lives, then the recorded answer
 * or the element created anew. The same guarantees as for uploads: never an ElementId lost once it is
 * in the store, a second element only when the process died between VOD's answer and the first write.
 */
class IdempotencyCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "crash-test-key-1";

    private static final CosStandIn STORE = CosStandIn.start().accept(VodStandIn.SECRET_ID, VodStandIn.SECRET_KEY,
            null).privateBucket(true);
    private static final VodStandIn VOD = VodStandIn.start();
    private static final ImageServer IMAGES = ColdStartImages.serveSamples(ImageServer.start());

    private final CrashTestFunctions functions = new CrashTestFunctions(VOD, STORE)
            .with("VOD_IDEMPOTENCY_ENDPOINT", "http://" + STORE.host() + ":" + STORE.port());

    @BeforeEach
    void reset() {
        STORE.reset();
        VOD.reset();
    }

    @AfterEach
    void stopFunctions() throws InterruptedException {
        functions.close();
    }

    @AfterAll
    static void stopStandIns() {
        STORE.close();
        VOD.close();
        IMAGES.close();
    }

    @Test
    void killedRightAfterTakingTheLock() throws Exception {
        functions.killAt("locked", Map.of(), IdempotencyCrashIT::create);

        assertEquals(Set.of(".lock"), storeSuffixes(), "only the dead request's lock");
        assertEquals(0, VOD.createdCount());

        Retried retried = retry();

        assertEquals(200, retried.last.statusCode(), retried.last.body());
        assertEquals("false", retried.last.headers().firstValue("Idempotent-Replayed").orElse("false"));
        assertEquals(1, VOD.createdCount());
        assertEquals(createdIds().get(0), elementId(retried.last));
        assertEquals(Set.of(".json"), storeSuffixes(), "the record; the expired lock went with it");
    }

    @Test
    void killedAfterVodAnsweredBeforeTheRecordWasWritten() throws Exception {
        // The one window no write order closes, as for uploads: the ElementId is only in the dead
        // process (and its log line) until the record is stored.
        Function killed = functions.killAt("vod-answered", Map.of(), IdempotencyCrashIT::create);
        String first = createdIds().get(0);
        assertTrue(killed.output.stream().anyMatch(line -> line.contains("status=created elementId=" + first)),
                "the dead request's ElementId is in its log: " + killed.output);
        assertEquals(Set.of(".lock"), storeSuffixes());

        Retried retried = retry();

        // 409s (with Retry-After, checked by retry()) while the dead lock lived, then the answer; how
        // many 409s depends on how fast the fresh process started, so only their kind is asserted.
        assertEquals(200, retried.last.statusCode(), retried.last.body());
        assertEquals(2, VOD.createdCount(), "a second element: the only window that creates one");
        assertEquals(createdIds().get(1), elementId(retried.last));
        assertEquals(Set.of(".json"), storeSuffixes());
    }

    @Test
    void killedAfterStashingTheElementIdInTheLock() throws Exception {
        STORE.inject(new CosStandIn.Fault("PUT", ".json", 503), 1);
        functions.killAt("stashed", Map.of("VOD_COS_MAX_ATTEMPTS", "1"), IdempotencyCrashIT::create);
        String first = createdIds().get(0);
        assertEquals(Set.of(".lock"), storeSuffixes());

        Retried retried = retry();

        assertEquals(List.of(200), retried.statuses, "the stash answers at once");
        assertEquals("true", retried.last.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(first, elementId(retried.last));
        assertEquals(1, VOD.createdCount(), "recovered, not created again");
        assertEquals(Set.of(".json"), storeSuffixes());
    }

    @Test
    void killedAfterTheRecordWasWrittenBeforeTheLockWentAway() throws Exception {
        functions.killAt("result-written", Map.of(), IdempotencyCrashIT::create);
        String first = createdIds().get(0);
        assertEquals(Set.of(".json", ".lock"), storeSuffixes());

        Retried retried = retry();

        assertEquals(List.of(200), retried.statuses, "the record answers first");
        assertEquals("true", retried.last.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(first, elementId(retried.last));
        assertEquals(1, VOD.createdCount());
    }

    private record Retried(List<Integer> statuses, HttpResponse<String> last) {
    }

    /**
     * The caller's retries: the same key and body to a fresh process, again after each 409's
     * Retry-After, until an answer. The dead lock expires 17 s after it was taken: a minute is plenty.
     */
    private Retried retry() throws Exception {
        Function function = functions.start(Map.of());
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
        List<Integer> statuses = new ArrayList<>();
        while (true) {
            HttpResponse<String> response = functions.send(create(function))
                    .get(CrashTestFunctions.ANSWER.toSeconds(), TimeUnit.SECONDS);
            statuses.add(response.statusCode());
            if (response.statusCode() != 409) {
                return new Retried(statuses, response);
            }
            assertTrue(Instant.now().isBefore(giveUp), "still in flight: " + response.body());
            long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
            Thread.sleep(retryAfter * 1000);
        }
    }

    private static HttpRequest create(Function function) {
        return HttpRequest.newBuilder(function.uri("/createElement"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(SampleRequests.createElement(IMAGES.url("/"))))
                .build();
    }

    /** What the store holds, by kind: ".json" for a record, ".lock" for a first-level lock. */
    private static Set<String> storeSuffixes() {
        Set<String> kinds = new TreeSet<>();
        for (String key : STORE.keys()) {
            assertTrue(key.matches("idempotency/[0-9a-f]{64}\\.(json|lock(\\.\\d+)?)"), key);
            kinds.add(key.substring(key.indexOf('.')));
        }
        return kinds;
    }

    private static String elementId(HttpResponse<String> response) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        return body.path("ElementId").asText();
    }

    private static List<String> createdIds() {
        return VOD.calls().stream().map(VodStandIn.Call::elementId).filter(id -> id != null).toList();
    }
}
