package dev.vodelement.function;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), images.requests(),
                "the answer does not depend on the images, so none is fetched");
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
