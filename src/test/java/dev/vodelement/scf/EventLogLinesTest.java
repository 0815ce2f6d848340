package dev.vodelement.scf;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
 * What an operator reads after an event on {@code /event-invoke}: the invocation's line carries the
 * outcome the caller saw (also inside an API Gateway response), the ElementId, VOD's RequestId, the
 * attempts and SCF's request id, and no value from the caller can start a line of its own.
 */
@QuarkusTest
@WithTestResource(VodStandInResource.class)
class EventLogLinesTest {

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
    void aDirectInvocationLogsTheCreatedElementWithVodsAndScfsRequestIds() throws Exception {
        try (LogCapture log = LogCapture.of("dev.vodelement.invocation")) {
            JsonNode answer = invoke(CosEvents.directRequestOnPublicImages(COS), "scf-req-direct-1");

            String line = single(log.linesWith("event-invoke ", "platformRequestId=scf-req-direct-1"));
            assertTrue(line.contains(" outcome=created status=200 "), line);
            assertTrue(line.contains(" elementId=" + answer.path("ElementId").asText() + " "), line);
            assertTrue(line.contains(" requestId=" + answer.path("RequestId").asText() + " "), line);
            assertTrue(line.contains(" attempts=1 "), line);
            assertTrue(line.contains(" durationMs="), line);
        }
    }

    @Test
    void createElementLogsTheSameFieldsWithScfsRequestId() throws Exception {
        try (LogCapture log = LogCapture.of("dev.vodelement.invocation")) {
            Response response = given().contentType("application/json").header("X-Scf-Request-Id", "scf-req-http-1")
                    .body(CosEvents.directRequestOnPublicImages(COS).toString()).post("/createElement");

            assertEquals(200, response.statusCode(), response.asString());
            String line = single(log.linesWith("createElement ", "platformRequestId=scf-req-http-1"));
            assertTrue(line.contains(" outcome=created status=200 code=- elementId="
                    + response.jsonPath().getString("ElementId") + " "), line);
        }
    }

    @Test
    void anApiGatewayEventAnswered502IsLoggedAsVodsRefusalNotAsOk() throws Exception {
        vod.enqueue(Fault.SIGNATURE_FAILURE);
        try (LogCapture log = LogCapture.of("dev.vodelement.invocation")) {
            JsonNode answer = invoke(apiGateway(CosEvents.directRequestOnPublicImages(COS)), "scf-req-gw-502");

            assertEquals(502, answer.path("statusCode").asInt());
            JsonNode body = MAPPER.readTree(answer.path("body").asText());
            String line = single(log.linesWith("event-invoke ", "platformRequestId=scf-req-gw-502"));
            assertTrue(line.startsWith("WARN "), line);
            assertTrue(line.contains(" status=502 "), line);
            assertTrue(line.contains(" code=" + body.path("Error").path("Code").asText() + " "), line);
            assertTrue(line.contains(" requestId=" + body.path("RequestId").asText() + " "), line);
            assertFalse(line.contains("outcome=ok"), line);
        }
    }

    @Test
    void anApiGatewayEventThatCreatesLogsTheElement() throws Exception {
        try (LogCapture log = LogCapture.of("dev.vodelement.invocation")) {
            JsonNode answer = invoke(apiGateway(CosEvents.directRequestOnPublicImages(COS)), "scf-req-gw-200");

            JsonNode body = MAPPER.readTree(answer.path("body").asText());
            String line = single(log.linesWith("event-invoke ", "platformRequestId=scf-req-gw-200"));
            assertTrue(line.contains(" outcome=created status=200 "), line);
            assertTrue(line.contains(" elementId=" + body.path("ElementId").asText() + " "), line);
        }
    }

    @Test
    void aUrlWithALineBreakAndAnEscapeCannotForgeALogLine() throws Exception {
        ObjectNode request = CosEvents.directRequestOnPublicImages(COS);
        String forged = "\n2026-12-02 11:00:00,000 ERROR [dev.vodelement.invocation] createElement outcome=created"
                + " elementId=123 \u001b[31mred\u2028next\u202Eevil";
        request.put("ElementFrontalImage", COS.objectUrl("public/cat-front.jpg") + forged);
        try (LogCapture log = LogCapture.of("dev.vodelement")) {
            given().contentType("application/json").body(request.toString()).post("/event-invoke");

            List<String> lines = log.lines();
            assertFalse(lines.isEmpty());
            for (String line : lines) {
                assertTrue(line.chars().noneMatch(c -> Character.getType(c) == Character.CONTROL
                        || c == '\u2028' || c == '\u202E'), line);
            }
            String line = single(log.linesWith("event-invoke ", "status=400"));
            assertTrue(line.contains("\\u000A2026-12-02"), line);
            assertTrue(line.contains("\\u001B[31m"), line);
        }
    }

    private static String single(List<String> lines) {
        assertEquals(1, lines.size(), lines.toString());
        return lines.get(0);
    }

    private static ObjectNode apiGateway(ObjectNode request) {
        ObjectNode event = (ObjectNode) CosEvents.sample("events/api-gateway.json");
        event.put("body", request.toString());
        return event;
    }

    private static JsonNode invoke(JsonNode event, String scfRequestId) throws Exception {
        Response response = given().contentType("application/json").header("X-Scf-Request-Id", scfRequestId)
                .body(event.toString()).post("/event-invoke");
        assertEquals(200, response.statusCode(), response.asString());
        return MAPPER.readTree(response.asString());
    }
}
