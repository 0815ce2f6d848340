package dev.vodelement.caller;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vodelement.standin.CosEvents;
import dev.vodelement.standin.VodStandIn;
import dev.vodelement.standin.VodStandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The HTTP functions with bearer tokens configured: without one of them nothing runs (no image
 * fetched, no VOD call) and the answer is the contract's 401; with one, the function answers as
 * usual.
 */
@QuarkusTest
@TestProfile(CallerCheckTest.WithTokens.class)
@WithTestResource(VodStandInResource.class)
class CallerCheckTest {

    static final String TOKEN = "a-long-random-token-for-caller-one";

    public static class WithTokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vod.caller-check.tokens", TOKEN + ",a-long-random-token-for-caller-two");
        }
    }

    private final VodStandIn vod = VodStandIn.shared();

    @BeforeEach
    void reset() {
        vod.reset();
    }

    @Test
    void everyFunctionRefusesACallWithoutAToken() {
        String request = CosEvents.sampleText("events/direct-invocation.json");
        for (String function : new String[] { "/createElement", "/validateElement", "/event-invoke" }) {
            given().contentType("application/json").body(request)
                    .when().post(function)
                    .then().statusCode(401)
                    .header("WWW-Authenticate", "Bearer")
                    .header("Content-Type", "application/json")
                    .body("Error.Code", equalTo("AuthFailure.Unauthorized"))
                    .body(not(containsString(TOKEN)));
        }
        assertEquals(0, vod.calls().size());
    }

    @Test
    void aWrongTokenIsRefusedLikeNone() {
        given().contentType("application/json").header("Authorization", "Bearer " + TOKEN + "x")
                .body("{}")
                .when().post("/createElement")
                .then().statusCode(401)
                .body("Error.Code", equalTo("AuthFailure.Unauthorized"));
    }

    @Test
    void aConfiguredTokenReachesTheFunction() {
        // A request broken on purpose: the 400 shows the function itself answered, without images or VOD.
        given().contentType("application/json").header("Authorization", "Bearer " + TOKEN)
                .body("{\"ElementName\": \"" + "n".repeat(21) + "\"}")
                .when().post("/validateElement")
                .then().statusCode(400)
                .body("Error.Code", containsString("Parameter"));
        given().contentType("application/json").header("Authorization", "Bearer a-long-random-token-for-caller-two")
                .body("{}")
                .when().post("/createElement")
                .then().statusCode(400);
    }

    @Test
    void aFunctionUrlEventIsCheckedByTheTokenInItsOwnHeaders() {
        // A public function URL (authType NONE) with tokens: the caller's Authorization header travels in the event.
        String event = CosEvents.sampleText("events/function-url.json").replace("\"/createElement\"", "\"/validateElement\"");
        String withToken = event.replace("\"accept\": \"*/*\",", "\"accept\": \"*/*\", \"authorization\": \"Bearer " + TOKEN + "\",");

        given().contentType("application/json").header("Authorization", "Bearer " + TOKEN).body(event)
                .when().post("/event-invoke")
                .then().statusCode(200)
                .body("statusCode", equalTo(401))
                .body("headers.WWW-Authenticate", equalTo("Bearer"))
                .body("body", containsString("AuthFailure.Unauthorized"));
        given().contentType("application/json").header("Authorization", "Bearer " + TOKEN).body(withToken)
                .when().post("/event-invoke")
                .then().statusCode(200)
                .body("statusCode", not(equalTo(401)));
        assertEquals(0, vod.calls().size(), "validateElement never calls VOD");
    }

    @Test
    void aGetIsStill405() {
        given().when().get("/createElement")
                .then().statusCode(405)
                .body("Error.Code", equalTo("UnsupportedOperation"));
    }
}
