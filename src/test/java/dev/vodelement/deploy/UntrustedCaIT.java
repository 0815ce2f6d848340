package dev.vodelement.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vodelement.bench.ColdStartImages;
import dev.vodelement.standin.ImageServer;
import dev.vodelement.standin.VodStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The control of {@link HttpsIT}: the same HTTPS stand-ins, but the packaged application (jar, or
 * native executable with -Dnative) is not told to trust the test CA. Certificates are checked, and
 * what HttpsIT sees working is the run-time trust store, not a client that trusts anything.
 */
@QuarkusIntegrationTest
@WithTestResource(UntrustedCaIT.WithoutTestCa.class)
class UntrustedCaIT {

    public static class WithoutTestCa implements QuarkusTestResourceLifecycleManager {

        static volatile VodStandIn vod;
        static volatile ImageServer tlsImages;
        static volatile ImageServer plainImages;

        @Override
        public Map<String, String> start() {
            vod = VodStandIn.startTls();
            tlsImages = ColdStartImages.serveSamples(ImageServer.startTls());
            plainImages = ColdStartImages.serveSamples(ImageServer.start());
            Map<String, String> config = new HashMap<>();
            config.put("vod.endpoint", vod.url());
            config.put("vod.secret-id", VodStandIn.SECRET_ID);
            config.put("vod.secret-key", VodStandIn.SECRET_KEY);
            config.put("vod.session-token", "");
            config.put("vod.retry.initial-backoff", "20ms");
            config.put("vod.retry.max-backoff", "100ms");
            config.put("vod.image-check.allow-private-networks", "true");
            return config;
        }

        @Override
        public void stop() {
            vod.close();
            tlsImages.close();
            plainImages.close();
        }
    }

    @Test
    void anImageHostWhoseCertificateIsNotTrustedIsRefused() {
        given().contentType("application/json").body(SampleRequests.createElement(WithoutTestCa.tlsImages.url("/")))
                .when().post("/validateElement")
                .then().statusCode(400)
                .body("Error.Code", equalTo("InvalidParameterValue.ElementFrontalImage"))
                .body("Error.Message", containsString("TLS certificate of 127.0.0.1 is not trusted"))
                .body(not(containsString("Exception")));
    }

    @Test
    void vodWhoseCertificateIsNotTrustedNeverGetsTheRequest() {
        given().contentType("application/json").body(SampleRequests.createElement(WithoutTestCa.plainImages.url("/")))
                .when().post("/createElement")
                .then().statusCode(503)
                .body("Error.Code", equalTo("ServiceUnavailable"))
                .body(not(containsString("Exception")));
        assertEquals(0, WithoutTestCa.vod.calls().size(), "no request reached VOD through an untrusted connection");
    }
}
