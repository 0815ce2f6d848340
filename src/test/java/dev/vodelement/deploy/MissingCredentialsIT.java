package dev.vodelement.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vodelement.bench.ColdStartImages;
import dev.vodelement.standin.ImageServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged application (jar, or native executable with -Dnative) started without any
 * credentials: it still starts and validates, and createElement is the contract's
 * 500 MissingCredentials.
 */
@QuarkusIntegrationTest
@WithTestResource(MissingCredentialsIT.NoCredentials.class)
class MissingCredentialsIT {

    public static class NoCredentials implements QuarkusTestResourceLifecycleManager {

        static volatile ImageServer images;

        @Override
        public Map<String, String> start() {
            images = ColdStartImages.serveSamples(ImageServer.start());
            // nothing listens on port 9 (discard): VOD must not even be tried
            return Map.of("vod.secret-id", "", "vod.secret-key", "", "vod.session-token", "",
                    "vod.endpoint", "http://127.0.0.1:9",
                    "vod.image-check.allow-private-networks", "true");
        }

        @Override
        public void stop() {
            if (images != null) {
                images.close();
            }
        }
    }

    @Test
    void createElementIs500MissingCredentials() {
        given().contentType("application/json").body(SampleRequests.createElement(NoCredentials.images.url("/")))
                .when().post("/createElement")
                .then().statusCode(500)
                .body("Error.Code", equalTo("MissingCredentials"))
                .body("Error.Message", containsString("VOD_SECRET_ID"))
                .body(not(containsString("Exception")));
    }

    @Test
    void validateElementStillWorks() {
        given().contentType("application/json").body(SampleRequests.createElement(NoCredentials.images.url("/")))
                .when().post("/validateElement")
                .then().statusCode(200)
                .body("Valid", equalTo(true));
    }
}
