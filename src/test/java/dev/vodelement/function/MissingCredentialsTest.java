package dev.vodelement.function;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vodelement.invocation.LogCapture;
import dev.vodelement.standin.ImageServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Without credentials the function starts, still validates, and answers createElement with a 500. */
@QuarkusTest
@TestProfile(MissingCredentialsTest.NoCredentials.class)
class MissingCredentialsTest {

    public static class NoCredentials implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vod.secret-id", "", "vod.secret-key", "", "vod.session-token", "",
                    "vod.endpoint", "http://127.0.0.1:9");
        }
    }

    private static ImageServer images;

    @BeforeAll
    static void startImages() {
        images = ImageServer.start();
    }

    @AfterAll
    static void stopImages() {
        images.close();
    }

    @Test
    void createIsA500MissingCredentials() {
        given().contentType("application/json").body(request())
                .when().post("/createElement")
                .then().statusCode(500)
                .body("Error.Code", equalTo("MissingCredentials"))
                .body("Error.Message", containsString("VOD_SECRET_ID"))
                .body(not(containsString("Exception")));
    }

    @Test
    void noImageIsFetchedBeforeMissingCredentialsIsAnswered() {
        images.reset();
        given().contentType("application/json").body(request())
                .when().post("/createElement")
                .then().statusCode(500)
                .body("Error.Code", equalTo("MissingCredentials"));
        assertEquals(List.of(), images.requests(), "the answer does not depend on the images, so none is fetched");
    }

    @Test
    void anApiGatewayEventAnswered500MissingCredentialsIsLoggedAsSuch() {
        String event = "{\"httpMethod\":\"POST\",\"path\":\"/createElement\",\"headers\":{},"
                + "\"requestContext\":{\"stage\":\"release\"},\"body\":" + quoted(request()) + "}";
        try (LogCapture log = LogCapture.of("dev.vodelement.invocation")) {
            given().contentType("application/json").header("X-Scf-Request-Id", "scf-req-no-credentials")
                    .body(event).when().post("/event-invoke")
                    .then().statusCode(200)
                    .body("statusCode", equalTo(500));

            List<String> lines = log.linesWith("event-invoke ", "platformRequestId=scf-req-no-credentials");
            assertEquals(1, lines.size(), log.lines().toString());
            assertTrue(lines.get(0).startsWith("WARN "), lines.get(0));
            assertTrue(lines.get(0).contains(" outcome=MISCONFIGURED status=500 code=MissingCredentials "),
                    lines.get(0));
        }
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void validateStillWorks() {
        given().contentType("application/json").body(request())
                .when().post("/validateElement")
                .then().statusCode(200)
                .body("Valid", equalTo(true));
    }

    private static String request() {
        return "{\"ElementName\":\"n\",\"ElementDescription\":\"d\",\"ElementFrontalImage\":\""
                + images.url(ImageServer.FRONT_JPEG) + "\",\"ElementReferList\":[{\"ImageUrl\":\""
                + images.url(ImageServer.SIDE_PNG) + "\"}]}";
    }
}
