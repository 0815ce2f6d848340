package dev.vodelement.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vodelement.standin.VodStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * TLS out of the packaged application (jar, or native executable with -Dnative, whose TLS support,
 * CA handling and crypto providers are fixed at build time): images and VOD over https, trusted
 * through a test CA given at run time ({@link TlsStandInsResource}).
 */
@QuarkusIntegrationTest
@WithTestResource(TlsStandInsResource.class)
class HttpsIT {

    @BeforeEach
    void reset() {
        TlsStandInsResource.vod.reset();
        TlsStandInsResource.images.reset();
    }

    @Test
    void checksImagesServedOverHttps() {
        given().contentType("application/json").body(request())
                .when().post("/validateElement")
                .then().statusCode(200)
                .body("Valid", equalTo(true))
                .body("Images.Format", equalTo(List.of("JPEG", "PNG")))
                .body("Images[0].Url", matchesPattern("https://127\\.0\\.0\\.1:\\d+/front\\.jpg"));

        assertFalse(TlsStandInsResource.images.requests().isEmpty(), "the images were read over TLS");
        assertTrue(TlsStandInsResource.images.requests().stream().allMatch(r -> r.status() == 206 || r.status() == 200),
                TlsStandInsResource.images.requests()::toString);
    }

    @Test
    void createsAnElementThroughVodOverHttps() {
        given().contentType("application/json").body(request())
                .when().post("/createElement")
                .then().statusCode(200)
                .body("ElementId", matchesPattern("\\d+"))
                .body("RequestId", matchesPattern(".+"));

        VodStandIn vod = TlsStandInsResource.vod;
        assertEquals(1, vod.createdCount(), "one signed create reached VOD over https");
        assertTrue(vod.calls().stream().allMatch(VodStandIn.Call::signatureValid));
    }

    private static String request() {
        return SampleRequests.createElement(TlsStandInsResource.images.url("/"));
    }
}
