package dev.vodelement.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.deploy.CrashTestFunctions.Function;
import dev.vodelement.standin.CosEvents;
import dev.vodelement.standin.CosStandIn;
import dev.vodelement.standin.VodStandIn;

/**
 * The packaged function (the jar, or the native executable with -Dnative) killed with SIGKILL at
 * each step of the upload flow, then the same COS event delivered to a fresh process, as SCF's
 * retry would. The process is stopped at a step by the test-only {@code vod.crash-test.pause-at}:
 * it prints a marker and blocks there, and only then is it killed, so nothing races. Each test
 * checks what the bucket holds after the kill and after the redelivery, and how many elements VOD
 * created: never an ElementId lost, a second element only when the process died between VOD's
 * answer and the first write, and always an outcome object at the end.
 *
 * <p>The function's timeout is set to 16 s (lock grace 1 s) so that the dead process's lock expires
 * 17 s after it was taken, while the redeliveries keep coming (each 503 until then); every wait
 * below is an upper bound, never a race.
 */
class UploadCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOCK = "elements/cat.element.lock";
    private static final String RESULT = "elements/cat.element.result.json";
    private static final String ERROR = "elements/cat.element.error.json";

    private static final CosStandIn COS = CosStandIn.start().accept(VodStandIn.SECRET_ID, VodStandIn.SECRET_KEY,
            null).privateBucket(true);
    private static final VodStandIn VOD = VodStandIn.start();

    private final CrashTestFunctions functions = new CrashTestFunctions(VOD, COS);

    @BeforeEach
    void reset() {
        COS.reset();
        VOD.reset();
        CosEvents.putCat(COS);
    }

    @AfterEach
    void stopFunctions() throws InterruptedException {
        functions.close();
    }

    @AfterAll
    static void stopStandIns() {
        COS.close();
        VOD.close();
    }

    @Test
    void killedRightAfterTakingTheLock() throws Exception {
        killAt("locked", Map.of());

        assertEquals(Set.of(LOCK), outcomeAndLockKeys(), "only the dead invocation's lock");
        assertEquals(0, VOD.createdCount());

        JsonNode answer = redeliver();

        assertEquals("created", answer.path("Status").asText(), answer::toString);
        assertEquals(1, VOD.createdCount());
        assertEquals(createdIds().get(0), recorded(RESULT).path("ElementId").asText());
        assertEquals(Set.of(RESULT), outcomeAndLockKeys(), "the expired lock went with the result");
    }

    @Test
    void killedAfterVodAnsweredBeforeAnythingWasWritten() throws Exception {
        // The one window no write order closes: the ElementId exists only in the process (and the
        // log line written right after VOD answered) until the result object is stored.
        Function killed = killAt("vod-answered", Map.of());
        String first = createdIds().get(0);

        assertEquals(Set.of(LOCK), outcomeAndLockKeys());
        assertTrue(killed.output.stream().anyMatch(line -> line.contains("status=created elementId=" + first)),
                "the dead invocation's ElementId is in its log: " + killed.output);

        JsonNode answer = redeliver();

        assertEquals("created", answer.path("Status").asText(), answer::toString);
        assertEquals(2, VOD.createdCount(), "a second element: the only window that creates one");
        assertEquals(createdIds().get(1), recorded(RESULT).path("ElementId").asText());
        assertEquals(Set.of(RESULT), outcomeAndLockKeys());
    }

    @Test
    void killedAfterTheResultWriteBeforeTheLockWentAway() throws Exception {
        killAt("result-written", Map.of());
        String first = createdIds().get(0);

        assertEquals(Set.of(LOCK, RESULT), outcomeAndLockKeys());
        assertEquals(first, recorded(RESULT).path("ElementId").asText());

        JsonNode answer = redeliver();

        assertEquals("existing", answer.path("Status").asText(), answer::toString);
        assertEquals(first, answer.path("ElementId").asText());
        assertEquals(1, VOD.createdCount());
        assertEquals(first, recorded(RESULT).path("ElementId").asText());
        // the lock left behind is never consulted again: the result object answers first
        assertEquals(Set.of(LOCK, RESULT), outcomeAndLockKeys());
    }

    @Test
    void killedAfterStashingTheElementIdInTheLock() throws Exception {
        COS.inject(new CosStandIn.Fault("PUT", ".element.result.json", 503), 1);
        killAt("stashed", Map.of("VOD_COS_MAX_ATTEMPTS", "1"));
        String first = createdIds().get(0);

        assertEquals(Set.of(LOCK), outcomeAndLockKeys());
        assertEquals(first, recorded(LOCK).path("ElementId").asText(), "the ElementId waits in the lock");

        JsonNode answer = redeliver();

        assertEquals("existing", answer.path("Status").asText(), answer::toString);
        assertEquals(first, answer.path("ElementId").asText());
        assertEquals(1, VOD.createdCount(), "recovered, not created again");
        assertEquals(first, recorded(RESULT).path("ElementId").asText());
        assertEquals(Set.of(RESULT), outcomeAndLockKeys());
    }

    @Test
    void killedAfterTheErrorWriteBeforeTheLockWentAway() throws Exception {
        COS.putObject(CosEvents.CAT_MANIFEST, "{\"ElementName\":\"cat\"}".getBytes(StandardCharsets.UTF_8),
                "application/json");
        killAt("error-written", Map.of());

        assertEquals(Set.of(LOCK, ERROR), outcomeAndLockKeys());

        JsonNode answer = redeliver();

        assertEquals("rejected", answer.path("Status").asText(), answer::toString);
        assertEquals(0, VOD.createdCount());
        assertTrue(outcomeAndLockKeys().contains(ERROR), outcomeAndLockKeys().toString());
        assertFalse(outcomeAndLockKeys().contains(RESULT));
    }

    /** Starts a function that stops at {@code step}, delivers the upload, and kills it there. */
    private Function killAt(String step, Map<String, String> environment) throws Exception {
        return functions.killAt(step, environment, UploadCrashIT::upload);
    }

    /**
     * SCF's retry: the same event, to a fresh process, until it succeeds (503 while the lock lives).
     * The dead lock expires 17 s after it was taken, so a minute is plenty even on a busy machine,
     * and far below the 2 minutes a lock used to block its manifest.
     */
    private JsonNode redeliver() throws Exception {
        Function function = functions.start(Map.of());
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            HttpResponse<String> response = functions.send(upload(function)).get(CrashTestFunctions.ANSWER.toSeconds(),
                    TimeUnit.SECONDS);
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body()).path("Results").get(0);
            }
            assertEquals(503, response.statusCode(), response.body());
            assertTrue(Instant.now().isBefore(giveUp), "still failing: " + response.body());
            long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElse("1"));
            Thread.sleep(Math.min(retryAfter, 5) * 1000);
        }
    }

    private static HttpRequest upload(Function function) {
        return HttpRequest.newBuilder(function.uri("/event-invoke"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CosEvents.upload(COS, CosEvents.CAT_MANIFEST)))
                .build();
    }

    private static Set<String> outcomeAndLockKeys() {
        Set<String> keys = new TreeSet<>();
        for (String key : COS.keys()) {
            if (key.startsWith("elements/cat.element.") && !key.equals(CosEvents.CAT_MANIFEST)) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static JsonNode recorded(String key) throws IOException {
        Optional<String> text = COS.objectText(key);
        assertTrue(text.isPresent(), "no " + key + " in " + COS.keys());
        return JSON.readTree(text.get());
    }

    private static List<String> createdIds() {
        return VOD.calls().stream().map(VodStandIn.Call::elementId).filter(id -> id != null).toList();
    }

}
