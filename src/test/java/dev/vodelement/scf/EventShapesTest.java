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
 * API Gateway events and direct invocations on {@code /event-invoke}, built from the samples in
 * {@code samples/events/}, with their image URLs pointed at a public bucket on the COS stand-in.
 * Each answer is compared with what {@code POST /createElement} answers for the same request.
 */
@QuarkusTest
@WithTestResource(VodStandInResource.class)
class EventShapesTest {

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
    void theSamplesAreToldApartByShape() {
        assertEquals(EventShape.COS_UPLOAD, EventShape.of(CosEvents.sample("events/cos-upload.json")));
        assertEquals(EventShape.API_GATEWAY, EventShape.of(CosEvents.sample("events/api-gateway.json")));
        assertEquals(EventShape.DIRECT, EventShape.of(CosEvents.sample("events/direct-invocation.json")));
        assertEquals(EventShape.DIRECT, EventShape.of(CosEvents.sample("create-element.json")));
    }

    @Test
    void recordsThatAreNotAnArrayAreABrokenCosEventNotACreateElementRequest() {
        for (String records : new String[] {"\"x\"", "{}", "null", "3"}) {
            given().contentType("application/json").body("{\"Records\":" + records + "}")
                    .when().post("/event-invoke")
                    .then().statusCode(400)
                    .body("Error.Code", org.hamcrest.Matchers.equalTo("InvalidParameter"))
                    .body("Error.Message", org.hamcrest.Matchers.startsWith("Records must be an array of COS event records, found "))
                    .body("Errors", org.hamcrest.Matchers.nullValue());
        }
        assertEquals(0, vod.calls().size());
    }

    @Test
    void anApiGatewayEventIsAnsweredWithAnIntegrationResponse() throws Exception {
        JsonNode answer = invoke(apiGateway(CosEvents.directRequestOnPublicImages(COS)), 200);

        assertEquals(200, answer.path("statusCode").asInt());
        assertFalse(answer.path("isBase64Encoded").asBoolean(true));
        assertEquals("application/json", answer.path("headers").path("Content-Type").asText());
        JsonNode body = MAPPER.readTree(answer.path("body").asText());
        assertEquals(vod.calls().get(0).elementId(), body.path("ElementId").asText());
        assertFalse(body.path("RequestId").asText().isEmpty());
        assertEquals(1, vod.createdCount());
    }

    @Test
    void aBase64BodyIsDecoded() throws Exception {
        ObjectNode event = apiGateway(CosEvents.directRequestOnPublicImages(COS));
        event.put("body", Base64.getEncoder().encodeToString(event.path("body").asText()
                .getBytes(StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);

        assertEquals(200, invoke(event, 200).path("statusCode").asInt());
    }

    @Test
    void anInvalidApiGatewayRequestGetsWhatCreateElementWouldAnswer() throws Exception {
        ObjectNode request = CosEvents.directRequestOnPublicImages(COS);
        request.put("ElementName", "n".repeat(21));
        request.remove("ElementDescription");

        JsonNode answer = invoke(apiGateway(request), 200);
        Response direct = given().contentType("application/json").body(request.toString()).post("/createElement");

        assertEquals(400, answer.path("statusCode").asInt());
        assertEquals(direct.statusCode(), answer.path("statusCode").asInt());
        assertEquals(MAPPER.readTree(direct.asString()), MAPPER.readTree(answer.path("body").asText()));
        assertEquals("InvalidParameterValue.ElementName",
                MAPPER.readTree(answer.path("body").asText()).path("Error").path("Code").asText());
        assertEquals(0, vod.calls().size());
    }

    @Test
    void aMalformedApiGatewayBodyIsA400NamingWhereItBreaks() throws Exception {
        ObjectNode event = apiGateway(CosEvents.directRequestOnPublicImages(COS));
        event.put("body", "{\"ElementName\": ");

        JsonNode answer = invoke(event, 200);

        assertEquals(400, answer.path("statusCode").asInt());
        JsonNode error = MAPPER.readTree(answer.path("body").asText()).path("Error");
        assertEquals("InvalidParameter", error.path("Code").asText());
        assertTrue(error.path("Message").asText().contains("not valid JSON"), error.toString());
        assertTrue(error.path("Message").asText().contains("line 1"), error.toString());
    }

    @Test
    void vodRateLimitedThroughApiGatewayIsA503WithRetryAfter() throws Exception {
        vod.enqueue(Fault.RATE_LIMITED, Fault.RATE_LIMITED, Fault.RATE_LIMITED);

        JsonNode answer = invoke(apiGateway(CosEvents.directRequestOnPublicImages(COS)), 200);

        assertEquals(503, answer.path("statusCode").asInt());
        assertFalse(answer.path("headers").path("Retry-After").asText().isEmpty());
        assertEquals("RequestLimitExceeded",
                MAPPER.readTree(answer.path("body").asText()).path("Error").path("Code").asText());
    }

    @Test
    void anApiGatewayGetIsRefusedLikeAGetOnTheFunction() throws Exception {
        ObjectNode event = apiGateway(CosEvents.directRequestOnPublicImages(COS));
        event.put("httpMethod", "GET");

        JsonNode answer = invoke(event, 200);

        assertEquals(405, answer.path("statusCode").asInt());
        assertEquals("POST", answer.path("headers").path("Allow").asText());
        assertEquals(0, vod.calls().size());
    }

    @Test
    void aDirectInvocationIsAnsweredLikeCreateElement() throws Exception {
        JsonNode answer = invoke(CosEvents.directRequestOnPublicImages(COS), 200);

        assertEquals(vod.calls().get(0).elementId(), answer.path("ElementId").asText());
        assertFalse(answer.path("RequestId").asText().isEmpty());
    }

    @Test
    void anInvalidDirectInvocationFailsExactlyLikeCreateElement() throws Exception {
        ObjectNode request = CosEvents.directRequestOnPublicImages(COS);
        request.remove("ElementReferList");

        Response viaEvent = given().contentType("application/json").body(request.toString()).post("/event-invoke");
        Response viaFunction = given().contentType("application/json").body(request.toString()).post("/createElement");

        assertEquals(400, viaEvent.statusCode());
        assertEquals(viaFunction.statusCode(), viaEvent.statusCode());
        assertEquals(MAPPER.readTree(viaFunction.asString()), MAPPER.readTree(viaEvent.asString()));
    }

    @Test
    void aDirectInvocationRateLimitedPastRetriesIsA503WithRetryAfter() {
        vod.enqueue(Fault.RATE_LIMITED, Fault.RATE_LIMITED, Fault.RATE_LIMITED);

        Response answer = given().contentType("application/json").body(CosEvents.directRequestOnPublicImages(COS).toString())
                .post("/event-invoke");

        assertEquals(503, answer.statusCode());
        assertTrue(answer.header("Retry-After") != null);
    }

    private static ObjectNode apiGateway(ObjectNode request) {
        ObjectNode event = (ObjectNode) CosEvents.sample("events/api-gateway.json");
        event.put("body", request.toString());
        return event;
    }

    private static JsonNode invoke(JsonNode event, int expectedStatus) throws Exception {
        Response response = given().contentType("application/json").body(event.toString()).post("/event-invoke");
        assertEquals(expectedStatus, response.statusCode(), response.asString());
        return MAPPER.readTree(response.asString());
    }
}
