package dev.vodelement.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.standin.CosEvents;
import dev.vodelement.standin.CosStandIn;
import dev.vodelement.standin.VodStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The upload flow of the packaged application (jar, or native executable with -Dnative): a COS
 * event posted to /event-invoke, the manifest and its images read from a private bucket over https
 * (signed requests, pre-signed URLs), the outcome object written back, and a second delivery of the
 * same event creating nothing.
 */
@QuarkusIntegrationTest
@WithTestResource(TlsStandInsResource.class)
class CosUploadIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESULT = "elements/cat.element.result.json";

    private final CosStandIn cos = TlsStandInsResource.cos;
    private final VodStandIn vod = TlsStandInsResource.vod;

    @BeforeEach
    void reset() {
        cos.reset();
        vod.reset();
        CosEvents.putCat(cos);
    }

    @Test
    void anUploadedManifestGetsItsElementAndItsResultObject() throws Exception {
        JsonNode result = deliver().path("Results").get(0);

        assertEquals(CosEvents.CAT_MANIFEST, result.path("Manifest").asText(), result::toString);
        assertEquals("created", result.path("Status").asText(), result::toString);
        assertEquals(1, vod.createdCount());
        assertEquals(vod.calls().get(0).elementId(), result.path("ElementId").asText());

        JsonNode recorded = JSON.readTree(cos.objectText(RESULT).orElseThrow(() -> new AssertionError(
                "no " + RESULT + " in " + cos.keys())));
        assertEquals(result.path("ElementId").asText(), recorded.path("ElementId").asText());
        assertEquals(vod.calls().get(0).requestId(), recorded.path("RequestId").asText());
        assertEquals(CosEvents.CAT_MANIFEST, recorded.path("Manifest").asText());
        assertNotNull(Instant.parse(recorded.path("CreatedAt").asText()));
        assertTrue(cos.calls().stream().noneMatch(c -> "none".equals(c.auth()) && !c.method().equals("GET")),
                "every write is signed");
    }

    @Test
    void aSecondDeliveryOfTheSameUploadCreatesNothing() throws Exception {
        String first = deliver().path("Results").get(0).path("ElementId").asText();
        long created = vod.createdCount();
        var keys = cos.keys();

        JsonNode again = deliver().path("Results").get(0);

        assertEquals("existing", again.path("Status").asText(), again::toString);
        assertEquals(first, again.path("ElementId").asText());
        assertEquals(created, vod.createdCount(), "VOD was not asked again");
        assertEquals(keys, cos.keys(), "no new object (no error object, no lock left)");
    }

    private JsonNode deliver() throws Exception {
        String body = given().contentType("application/json").body(CosEvents.upload(cos, CosEvents.CAT_MANIFEST))
                .when().post("/event-invoke")
                .then().statusCode(200)
                .extract().asString();
        return JSON.readTree(body);
    }
}
