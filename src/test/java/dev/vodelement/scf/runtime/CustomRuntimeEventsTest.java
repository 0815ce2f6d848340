package dev.vodelement.scf.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vodelement.invocation.LogCapture;
import dev.vodelement.standin.CosEvents;
import dev.vodelement.standin.CosStandIn;
import dev.vodelement.standin.ScfRuntimeStandIn;
import dev.vodelement.standin.ScfRuntimeStandIn.Report;
import dev.vodelement.standin.VodStandIn;
import dev.vodelement.standin.VodStandIn.Fault;
import dev.vodelement.standin.VodStandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * The Custom Runtime loop with the application's own event handling, against stand-ins for SCF's
 * runtime API, COS and VOD: several events in a row, a malformed one among them.
 */
@QuarkusTest
@WithTestResource(VodStandInResource.class)
class CustomRuntimeEventsTest {

    static final CosStandIn COS = CosStandIn.start().accept(VodStandIn.SECRET_ID, VodStandIn.SECRET_KEY, null);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    RawEventInvoker invoker;

    @Inject
    Vertx vertx;

    private final VodStandIn vod = VodStandIn.shared();
    private ScfRuntimeStandIn runtime;
    private CustomRuntimeLoop loop;
    private Thread thread;

    @BeforeEach
    void startLoop() {
        COS.reset();
        COS.privateBucket(true);
        vod.reset();
        runtime = ScfRuntimeStandIn.start();
        loop = new CustomRuntimeLoop(vertx, runtime.uri(), invoker::invoke);
        thread = new Thread(loop, "test-custom-runtime");
        thread.start();
    }

    @AfterEach
    void stopLoop() throws InterruptedException {
        loop.stop();
        thread.join(10_000);
        runtime.close();
    }

    @AfterAll
    static void stop() {
        COS.close();
    }

    @Test
    void theCatUploadThroughTheRuntimeLoopIsCreatedOnceAndTheLoopSurvivesBadEvents() throws Exception {
        CosEvents.putCat(COS);
        String cat = CosEvents.upload(COS, CosEvents.CAT_MANIFEST);

        var created = runtime.deliver(cat);
        var malformed = runtime.deliver("{\"Records\": [");
        var again = runtime.deliver(cat);
        var invalidDirect = runtime.deliver("{\"ElementName\": \"cat\"}");
        var empty = runtime.deliver("");

        Report first = created.get(30, TimeUnit.SECONDS);
        assertTrue(first.success(), first.body());
        JsonNode result = MAPPER.readTree(first.body()).path("Results").get(0);
        assertEquals("created", result.path("Status").asText());
        String elementId = result.path("ElementId").asText();
        assertEquals(elementId, MAPPER.readTree(COS.objectText("elements/cat.element.result.json").orElseThrow())
                .path("ElementId").asText());

        Report broken = malformed.get(30, TimeUnit.SECONDS);
        assertFalse(broken.success());
        JsonNode error = MAPPER.readTree(broken.body()).path("Error");
        assertEquals("InvalidParameter", error.path("Code").asText());
        assertTrue(error.path("Message").asText().contains("event is not valid JSON"), broken.body());

        Report second = again.get(30, TimeUnit.SECONDS);
        assertTrue(second.success(), second.body());
        JsonNode existing = MAPPER.readTree(second.body()).path("Results").get(0);
        assertEquals("existing", existing.path("Status").asText());
        assertEquals(elementId, existing.path("ElementId").asText());

        Report invalid = invalidDirect.get(30, TimeUnit.SECONDS);
        assertFalse(invalid.success());
        assertEquals("MissingParameter.ElementDescription",
                MAPPER.readTree(invalid.body()).path("Error").path("Code").asText());

        Report nothing = empty.get(30, TimeUnit.SECONDS);
        assertFalse(nothing.success());
        assertTrue(nothing.body().contains("event is empty"), nothing.body());

        assertEquals(1, vod.calls().size());
        assertEquals(1, runtime.readyCount());
        assertEquals(List.of(), runtime.protocolErrors());
    }

    @Test
    void eachInvocationIsLoggedWithScfsRequestId() throws Exception {
        CosEvents.putCat(COS);
        try (LogCapture log = LogCapture.of("dev.vodelement.invocation")) {
            Report created = runtime.deliver(CosEvents.upload(COS, CosEvents.CAT_MANIFEST)).get(30, TimeUnit.SECONDS);
            Report refused = runtime.deliver("{\"ElementName\": \"cat\"}").get(30, TimeUnit.SECONDS);

            String elementId = MAPPER.readTree(created.body()).path("Results").get(0).path("ElementId").asText();
            List<String> ok = log.linesWith("event-invoke ", "platformRequestId=" + created.requestId());
            assertEquals(1, ok.size(), log.lines().toString());
            assertTrue(ok.get(0).contains(" status=200 "), ok.get(0));
            assertTrue(ok.get(0).contains(" elementId=" + elementId + " "), ok.get(0));
            List<String> no = log.linesWith("event-invoke ", "platformRequestId=" + refused.requestId());
            assertEquals(1, no.size(), log.lines().toString());
            assertTrue(no.get(0).contains(" status=400 code=MissingParameter.ElementDescription "), no.get(0));
        }
    }

    @Test
    void aTransientFailureIsReportedAsAnErrorSoThatScfRetries() throws Exception {
        CosEvents.putCat(COS);
        vod.enqueue(Fault.RATE_LIMITED, Fault.RATE_LIMITED, Fault.RATE_LIMITED);

        Report failed = runtime.deliver(CosEvents.upload(COS, CosEvents.CAT_MANIFEST)).get(30, TimeUnit.SECONDS);

        assertFalse(failed.success());
        assertEquals("RequestLimitExceeded", MAPPER.readTree(failed.body()).path("Error").path("Code").asText());
        assertFalse(COS.keys().stream().anyMatch(k -> k.contains(".element.result") || k.contains(".element.error")
                || k.contains(".lock")), COS.keys().toString());

        Report retried = runtime.deliver(CosEvents.upload(COS, CosEvents.CAT_MANIFEST)).get(30, TimeUnit.SECONDS);
        assertTrue(retried.success(), retried.body());
        assertEquals(1, vod.createdCount());
    }

    @Test
    void anApiGatewayEventIsAnsweredAsAResponse() throws Exception {
        CosEvents.putPublicCatImages(COS);
        ObjectNode request = CosEvents.directRequestOnPublicImages(COS);
        request.remove("ElementDescription");
        ObjectNode event = (ObjectNode) CosEvents.sample("events/api-gateway.json");
        event.put("body", request.toString());

        Report report = runtime.deliver(event.toString()).get(30, TimeUnit.SECONDS);

        assertTrue(report.success(), "the gateway, not SCF, shows the failure");
        assertEquals(400, MAPPER.readTree(report.body()).path("statusCode").asInt());
    }

    @Test
    void aFunctionUrlEventIsRoutedByPathAndAnsweredAsAResponse() throws Exception {
        CosEvents.putPublicCatImages(COS);
        ObjectNode request = CosEvents.directRequestOnPublicImages(COS);
        ObjectNode event = (ObjectNode) CosEvents.sample("events/function-url.json");
        event.put("body", request.toString());
        ObjectNode validate = event.deepCopy().put("path", "/validateElement");

        Report created = runtime.deliver(event.toString()).get(30, TimeUnit.SECONDS);
        Report validated = runtime.deliver(validate.toString()).get(30, TimeUnit.SECONDS);

        assertTrue(created.success(), created.body());
        JsonNode answer = MAPPER.readTree(created.body());
        assertEquals(200, answer.path("statusCode").asInt());
        assertEquals(vod.calls().get(0).elementId(),
                MAPPER.readTree(answer.path("body").asText()).path("ElementId").asText());
        assertTrue(validated.success(), validated.body());
        assertTrue(MAPPER.readTree(MAPPER.readTree(validated.body()).path("body").asText()).path("Valid").asBoolean());
        assertEquals(1, vod.calls().size(), "validateElement does not call VOD");
    }
}
