package dev.vodelement.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vodelement.standin.ImageSamples;
import dev.vodelement.standin.VodStandIn;
import dev.vodelement.standin.VodStandIn.Fault;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Every error status of the contract, answered by the packaged application (jar, or native
 * executable with -Dnative, where the error bodies' serialization and the exception mapping depend
 * on build-time registration): the body is always {@code {"Error": {"Code", "Message"}}} and never
 * names a Java exception.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedFunctionResource.class)
class ContractErrorsIT {

    private final VodStandIn vod = VodStandIn.shared();

    @BeforeEach
    void reset() {
        vod.reset();
    }

    @Test
    void malformedJsonIs400InvalidParameter() {
        given().contentType("application/json").body("{\"ElementName\": ")
                .when().post("/createElement")
                .then().statusCode(400)
                .body("Error.Code", equalTo("InvalidParameter"))
                .body(not(containsString("Exception")));
    }

    @Test
    void aFieldRuleIs400NamingTheFieldTheRuleAndTheValue() {
        String name = "a name far too long for VOD";
        given().contentType("application/json")
                .body(SampleRequests.createElement(images()).replace("\"smiley\"", "\"" + name + "\""))
                .when().post("/createElement")
                .then().statusCode(400)
                .body("Error.Code", equalTo("InvalidParameterValue.ElementName"))
                .body("Error.Message", allOf(containsString("1 to 20"), containsString(Integer.toString(name.length()))))
                .body(not(containsString("Exception")));
        assertEquals(0, vod.calls().size(), "VOD is not called for a broken request");
    }

    @Test
    void anImageRuleIs400NamingTheFieldTheRuleAndTheUrl() {
        PackagedFunctionResource.images.serve("/tiny.jpg", ImageSamples.jpeg(200, 200));
        String tiny = PackagedFunctionResource.images.url("/tiny.jpg");
        given().contentType("application/json")
                .body(SampleRequests.createElement(images()).replace(images() + "front.jpg", tiny))
                .when().post("/createElement")
                .then().statusCode(400)
                .body("Error.Code", equalTo("InvalidParameterValue.ElementFrontalImage"))
                .body("Error.Message", allOf(containsString(tiny), containsString("300"), containsString("200")))
                .body(not(containsString("Exception")));
        assertEquals(0, vod.calls().size(), "VOD is not called for a broken image");
    }

    @Test
    void anythingButPostIs405() {
        for (String function : new String[] { "/createElement", "/validateElement" }) {
            given().when().get(function)
                    .then().statusCode(405)
                    .body("Error.Code", equalTo("UnsupportedOperation"));
        }
    }

    @Test
    void unknownRoutesAre404InvalidActionInJson() {
        given().contentType("application/json").body("{}")
                .when().post("/nope")
                .then().statusCode(404)
                .contentType("application/json")
                .body("Error.Code", equalTo("InvalidAction"));
        given().when().get("/")
                .then().statusCode(404)
                .contentType("application/json")
                .body("Error.Code", equalTo("InvalidAction"));
    }

    @Test
    void aTrailingSlashIsTheSameFunction() {
        given().contentType("application/json").body("{}")
                .when().post("/createElement/")
                .then().statusCode(400)
                .body("Error.Code", equalTo("MissingParameter.ElementName"));
        given().when().get("/createElement/")
                .then().statusCode(405)
                .body("Error.Code", equalTo("UnsupportedOperation"));
    }

    @Test
    void overLongUrisAndHeadersAre414And431InJson() {
        given().contentType("application/json").body("{}")
                .when().post("/createElement?q=" + "x".repeat(5_000))
                .then().statusCode(414)
                .contentType("application/json")
                .body("Error.Code", equalTo("RequestUriTooLong"));
        given().contentType("application/json").header("X-Padding", "p".repeat(25_000)).body("{}")
                .when().post("/createElement")
                .then().statusCode(431)
                .contentType("application/json")
                .body("Error.Code", equalTo("RequestHeaderFieldsTooLarge"));
    }

    @Test
    void aVodRefusalIs502WithVodsCodeAndRequestId() {
        vod.enqueue(Fault.SIGNATURE_FAILURE);
        String requestId = given().contentType("application/json").body(SampleRequests.createElement(images()))
                .when().post("/createElement")
                .then().statusCode(502)
                .body("Error.Code", equalTo("AuthFailure.SignatureFailure"))
                .body("Error.Message", notNullValue())
                .body(not(containsString("Exception")))
                .extract().path("RequestId");
        assertEquals(1, vod.calls().size(), "a refusal is not retried");
        assertEquals(vod.calls().get(0).requestId(), requestId, "the caller gets VOD's RequestId");
    }

    @Test
    void vodStillRateLimitedAfterTheRetriesIs503WithRetryAfter() {
        vod.enqueue(Fault.RATE_LIMITED, Fault.RATE_LIMITED, Fault.RATE_LIMITED);
        given().contentType("application/json").body(SampleRequests.createElement(images()))
                .when().post("/createElement")
                .then().statusCode(503)
                .header("Retry-After", matchesPattern("[1-9]\\d*"))
                .body("Error.Code", equalTo("RequestLimitExceeded"))
                .body(not(containsString("Exception")));
        assertEquals(3, vod.calls().size(), "three calls: the first and two retries");
    }

    private static String images() {
        return PackagedFunctionResource.images.url("/");
    }
}
