package dev.vodelement.scf;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vodelement.standin.CosEvents;
import dev.vodelement.standin.CosStandIn;
import dev.vodelement.standin.VodStandIn;
import dev.vodelement.standin.VodStandIn.Fault;
import dev.vodelement.standin.VodStandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Function URL events (samples/events/function-url.json, the structure SCF documents for event
 * functions) on {@code /event-invoke}: routed by path, and each answer compared with what the HTTP
 * function of that path answers for the same request.
 */
@QuarkusTest
@WithTestResource(VodStandInResource.class)
class FunctionUrlEventsTest {

    static final CosStandIn COS = CosStandIn.start();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final VodStandIn vod = VodStandIn.shared();

    @BeforeEach
    void reset() {
        COS.reset();
        CosEvents.putPublicCatImages(COS);
        vod.reset();
    }

    @AfterAll
    static void stop() {
        COS.close();
    }

    @Test
    void theSampleIsAFunctionUrlEventAndTheApiGatewaySampleStaysOne() {
        assertEquals(EventShape.FUNCTION_URL, EventShape.of(CosEvents.sample("events/function-url.json")));
        assertEquals(EventShape.API_GATEWAY, EventShape.of(CosEvents.sample("events/api-gateway.json")));
    }

    @Test
    void createElementThroughTheFunctionUrlCreatesTheElement() throws Exception {
        JsonNode answer = invoke(functionUrl("/createElement", localImages()));

        assertEquals(200, answer.path("statusCode").asInt());
        assertFalse(answer.path("isBase64Encoded").asBoolean(true));
        assertEquals("application/json", answer.path("headers").path("Content-Type").asText());
        JsonNode body = MAPPER.readTree(answer.path("body").asText());
        assertEquals(vod.calls().get(0).elementId(), body.path("ElementId").asText());
        assertEquals(1, vod.createdCount());
    }

    @Test
    void validateElementThroughTheFunctionUrlChecksWithoutCallingVod() throws Exception {
        ObjectNode request = localImages();
        JsonNode answer = invoke(functionUrl("/validateElement/", request));
        Response direct = given().contentType("application/json").body(request.toString()).post("/validateElement");

        assertEquals(200, answer.path("statusCode").asInt());
        assertEquals(MAPPER.readTree(direct.asString()), MAPPER.readTree(answer.path("body").asText()));
        assertTrue(MAPPER.readTree(answer.path("body").asText()).path("Valid").asBoolean());
        assertEquals(0, vod.calls().size());
    }

    @Test
    void aBrokenRequestGetsWhatTheHttpFunctionAnswers() throws Exception {
        ObjectNode request = localImages();
        request.put("ElementName", "n".repeat(21));
        for (String function : new String[] { "createElement", "validateElement" }) {
            JsonNode answer = invoke(functionUrl("/" + function, request));
            Response direct = given().contentType("application/json").body(request.toString()).post("/" + function);

            assertEquals(400, answer.path("statusCode").asInt());
            assertEquals(direct.statusCode(), answer.path("statusCode").asInt());
            assertEquals(MAPPER.readTree(direct.asString()), MAPPER.readTree(answer.path("body").asText()));
        }
        assertEquals(0, vod.calls().size());
    }

    @Test
    void anUnknownPathIsTheContracts404() throws Exception {
        JsonNode answer = invoke(functionUrl("/deleteElement", localImages()));

        assertEquals(404, answer.path("statusCode").asInt());
        JsonNode error = MAPPER.readTree(answer.path("body").asText()).path("Error");
        assertEquals("InvalidAction", error.path("Code").asText());
        assertTrue(error.path("Message").asText().contains("/deleteElement"), error.toString());
        assertTrue(error.path("Message").asText().contains("/createElement"), error.toString());
        assertEquals(0, vod.calls().size());
    }

    @Test
    void anythingButPostIs405WithAllow() throws Exception {
        ObjectNode event = functionUrl("/createElement", localImages());
        event.put("httpMethod", "GET");

        JsonNode answer = invoke(event);

        assertEquals(405, answer.path("statusCode").asInt());
        assertEquals("POST", answer.path("headers").path("Allow").asText());
        assertEquals("UnsupportedOperation",
                MAPPER.readTree(answer.path("body").asText()).path("Error").path("Code").asText());
        assertEquals(0, vod.calls().size());
    }

    @Test
    void aMalformedBodyIs400AndABase64BodyIsDecoded() throws Exception {
        ObjectNode malformed = functionUrl("/createElement", localImages());
        malformed.put("body", "{\"ElementName\": ");
        assertEquals(400, invoke(malformed).path("statusCode").asInt());

        ObjectNode encoded = functionUrl("/createElement", localImages());
        encoded.put("body", Base64.getEncoder().encodeToString(
                encoded.path("body").asText().getBytes(StandardCharsets.UTF_8)));
        encoded.put("isBase64Encoded", true);
        assertEquals(200, invoke(encoded).path("statusCode").asInt());
    }

    @Test
    void vodRateLimitedIsA503WithRetryAfter() throws Exception {
        vod.enqueue(Fault.RATE_LIMITED, Fault.RATE_LIMITED, Fault.RATE_LIMITED);

        JsonNode answer = invoke(functionUrl("/createElement", localImages()));

        assertEquals(503, answer.path("statusCode").asInt());
        assertFalse(answer.path("headers").path("Retry-After").asText().isEmpty());
    }

    private static ObjectNode localImages() {
        return CosEvents.directRequestOnPublicImages(COS);
    }

    private static ObjectNode functionUrl(String path, ObjectNode request) {
        ObjectNode event = (ObjectNode) CosEvents.sample("events/function-url.json");
        event.put("path", path);
        event.put("body", request.toString());
        return event;
    }

    private static JsonNode invoke(JsonNode event) throws Exception {
        Response response = given().contentType("application/json").body(event.toString()).post("/event-invoke");
        assertEquals(200, response.statusCode(), response.asString());
        return MAPPER.readTree(response.asString());
    }
}
