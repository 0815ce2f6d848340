package dev.vodelement.idempotency;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vodelement.standin.CosEvents;
import dev.vodelement.standin.ImageServer;
import dev.vodelement.standin.VodStandIn;
import dev.vodelement.standin.VodStandInResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A function without an idempotency store (no {@code vod.idempotency.endpoint}, the default): a
 * request with a key asked for a guarantee the function cannot give, and is refused, never served as
 * if the header were not there. Without the header nothing changes.
 */
@QuarkusTest
@WithTestResource(VodStandInResource.class)
class IdempotencyWithoutStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ImageServer images;
    private final VodStandIn vod = VodStandIn.shared();

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
        images.reset();
    }

    @Test
    void aKeyIsRefusedWith400SayingThereIsNoStore() {
        Response refused = given().contentType("application/json").header(IdempotencyKey.HEADER, "a-key")
                .body(request()).post("/createElement");

        assertEquals(400, refused.statusCode(), refused.asString());
        assertEquals("UnsupportedOperation.IdempotencyKey", refused.path("Error.Code"));
        String message = refused.path("Error.Message");
        assertTrue(message.contains("Idempotency-Key was sent, but this function has no idempotency store"), message);
        assertTrue(message.contains("vod.idempotency.endpoint"), message);
        assertEquals(0, vod.calls().size(), "nothing was created");
        assertEquals(0, images.requests().size());
    }

    @Test
    void aBadKeyIsStillABadKey() {
        Response refused = given().contentType("application/json").header(IdempotencyKey.HEADER, "k".repeat(256))
                .body(request()).post("/createElement");
        assertEquals(400, refused.statusCode());
        assertEquals("InvalidParameterValue.IdempotencyKey", refused.path("Error.Code"));
    }

    @Test
    void functionUrlAndApiGatewayEventsRefuseAKeyToo() throws Exception {
        for (String sample : new String[] { "events/function-url.json", "events/api-gateway.json" }) {
            ObjectNode event = (ObjectNode) CosEvents.sample(sample);
            event.put("body", request());
            ((ObjectNode) event.path("headers")).put("Idempotency-Key", "a-key");
            JsonNode answer = JSON.readTree(given().contentType("application/json").body(event.toString())
                    .post("/event-invoke").then().statusCode(200).extract().asString());
            assertEquals(400, answer.path("statusCode").asInt(), sample + ": " + answer);
            assertEquals("UnsupportedOperation.IdempotencyKey", JSON.readTree(answer.path("body").asText())
                    .path("Error").path("Code").asText());
        }
        assertEquals(0, vod.calls().size());
    }

    @Test
    void withoutTheHeaderNothingChanges() {
        given().contentType("application/json").body(request()).post("/createElement")
                .then().statusCode(200);
        assertEquals(1, vod.createdCount());
    }

    private static String request() {
        return "{\"ElementName\":\"cat\",\"ElementDescription\":\"a test subject\","
                + "\"ElementFrontalImage\":\"" + images.url(ImageServer.FRONT_JPEG) + "\","
                + "\"ElementReferList\":[{\"ImageUrl\":\"" + images.url(ImageServer.SIDE_PNG) + "\"}]}";
    }
}
