package dev.vodelement.function;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vodelement.standin.ImageServer;
import dev.vodelement.standin.VodStandIn;
import dev.vodelement.standin.VodStandIn.Fault;
import dev.vodelement.standin.VodStandInResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * POST /createElement and /validateElement end to end: real image host, real image checks, real
 * signed calls to the TC3-verifying VOD stand-in, and every status of the contract's error list.
 */
@QuarkusTest
@WithTestResource(VodStandInResource.class)
class CreateElementTest {

    private static ImageServer images;
    private final VodStandIn vod = VodStandIn.shared();

    @BeforeAll
    static void startImages() {
        images = ImageServer.start();
        images.status("/missing.png", 404);
    }

    @AfterAll
    static void stopImages() {
        images.close();
    }

    @BeforeEach
    void reset() {
        vod.reset();
    }

    @Test
    void createsAnElement() {
        given().contentType("application/json").body(request(images.url(ImageServer.FRONT_JPEG)))
                .when().post("/createElement")
                .then().statusCode(200)
                .contentType("application/json")
                .body("ElementId", matchesPattern("\\d+"))
                .body("RequestId", equalTo(vod.calls().get(0).requestId()));
        assertEquals(1, vod.createdCount());
        VodStandIn.Call call = vod.calls().get(0);
        assertEquals("my subject", call.json().path("ElementName").asText());
        assertEquals(images.url(ImageServer.SIDE_PNG),
                call.json().path("ElementReferList").get(0).path("ImageUrl").asText());
    }

    @Test
    void validateReportsEveryImageAndNeverCallsVod() {
        given().contentType("application/json").body(request(images.url(ImageServer.FRONT_JPEG)))
                .when().post("/validateElement")
                .then().statusCode(200)
                .body("Valid", equalTo(true))
                .body("Images", hasSize(2))
                .body("Images[0].Field", equalTo("ElementFrontalImage"))
                .body("Images[0].Format", equalTo("JPEG"))
                .body("Images[0].Width", equalTo(768))
                .body("Images[0].Height", equalTo(1024))
                .body("Images[1].Field", equalTo("ElementReferList[0].ImageUrl"))
                .body("Images[1].Format", equalTo("PNG"))
                .body("Images[1].Width", equalTo(1024));
        assertEquals(0, vod.calls().size());
    }

    @Test
    void aBrokenImageIsA400NamingFieldUrlAndRuleAndVodIsNeverCalled() {
        String missing = images.url("/missing.png");
        given().contentType("application/json").body(request(missing))
                .when().post("/createElement")
                .then().statusCode(400)
                .body("Error.Code", equalTo("InvalidParameterValue.ElementFrontalImage"))
                .body("Error.Message", containsString("ElementFrontalImage"))
                .body("Error.Message", containsString(missing))
                .body("Error.Message", containsString("404"));
        assertEquals(0, vod.calls().size());
    }

    @Test
    void hostsJavaCannotReadStillReachTheImageChecksAndAreNamed() {
        // (the address rule itself is off in tests, whose images are on loopback: AddressGuardTest covers it)
        given().contentType("application/json")
                .body("{\"ElementName\":\"n\",\"ElementDescription\":\"d\","
                        + "\"ElementFrontalImage\":\"http://[::1]:9/a.png\","
                        + "\"ElementReferList\":[{\"ImageUrl\":\"http://0x7f.1/a.png\"}]}")
                .when().post("/validateElement")
                .then().statusCode(400)
                .body("Errors", hasSize(2))
                .body("Errors[1].Code", equalTo("InvalidParameterValue.ElementReferList"))
                .body("Errors[1].Message", containsString("0x7f.1"));
        assertEquals(0, vod.calls().size());
    }

    @Test
    void vodRefusalIsA502WithVodsCodeMessageAndRequestId() {
        vod.enqueue(Fault.SIGNATURE_FAILURE);
        given().contentType("application/json").body(request(images.url(ImageServer.FRONT_JPEG)))
                .when().post("/createElement")
                .then().statusCode(502)
                .body("Error.Code", equalTo("AuthFailure.SignatureFailure"))
                .body("Error.Message", containsString("injected fault"))
                .body("RequestId", equalTo(vod.calls().get(0).requestId()))
                .body(not(containsString(VodStandIn.SECRET_KEY)));
        assertEquals(1, vod.calls().size());
    }

    @Test
    void rateLimitedPastRetriesIsA503WithRetryAfter() {
        vod.enqueue(Fault.RATE_LIMITED, Fault.RATE_LIMITED, Fault.RATE_LIMITED);
        given().contentType("application/json").body(request(images.url(ImageServer.FRONT_JPEG)))
                .when().post("/createElement")
                .then().statusCode(503)
                .header("Retry-After", "5")
                .body("Error.Code", equalTo("RequestLimitExceeded"))
                .body("RequestId", equalTo(vod.calls().get(2).requestId()));
        assertEquals(3, vod.calls().size());
        assertEquals(0, vod.createdCount());
    }

    @Test
    void rateLimitedTwiceStillCreatesOneElement() {
        vod.enqueue(Fault.RATE_LIMITED, Fault.RATE_LIMITED);
        given().contentType("application/json").body(request(images.url(ImageServer.FRONT_JPEG)))
                .when().post("/createElement")
                .then().statusCode(200);
        assertEquals(3, vod.calls().size());
        assertEquals(1, vod.createdCount());
    }

    private static String request(String frontal) {
        return "{\"ElementName\":\"my subject\",\"ElementDescription\":\"a test subject\","
                + "\"ElementFrontalImage\":\"" + frontal + "\","
                + "\"ElementReferList\":[{\"ImageUrl\":\"" + images.url(ImageServer.SIDE_PNG) + "\"}]}";
    }
}
