package dev.vodelement.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vodelement.bench.ColdStartImages;
import dev.vodelement.standin.ImageServer;
import dev.vodelement.standin.TestTls;
import dev.vodelement.standin.VodStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The other documented way to trust a CA for VOD only: the REST client's own run-time keys
 * ({@code quarkus.rest-client.vod.trust-store*}, also environment variables, e.g.
 * {@code QUARKUS_REST_CLIENT_VOD_TRUST_STORE}), with no {@code javax.net.ssl.*} property set, on the
 * jar and the native executable (-Dnative).
 */
@QuarkusIntegrationTest
@WithTestResource(VodClientTrustStoreIT.VodTrustStoreOnly.class)
class VodClientTrustStoreIT {

    public static class VodTrustStoreOnly implements QuarkusTestResourceLifecycleManager {

        static volatile VodStandIn vod;
        static volatile ImageServer images;

        @Override
        public Map<String, String> start() {
            vod = VodStandIn.startTls();
            images = ColdStartImages.serveSamples(ImageServer.start());
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.rest-client.vod.trust-store", TestTls.temporaryTrustStore().toString());
            config.put("quarkus.rest-client.vod.trust-store-password", TestTls.PASSWORD);
            config.put("quarkus.rest-client.vod.trust-store-type", "PKCS12");
            config.put("vod.endpoint", vod.url());
            config.put("vod.secret-id", VodStandIn.SECRET_ID);
            config.put("vod.secret-key", VodStandIn.SECRET_KEY);
            config.put("vod.session-token", "");
            config.put("vod.image-check.allow-private-networks", "true");
            return config;
        }

        @Override
        public void stop() {
            vod.close();
            images.close();
        }
    }

    @Test
    void createsAnElementThroughVodOverHttpsTrustedByTheRestClientsTrustStore() {
        given().contentType("application/json").body(SampleRequests.createElement(VodTrustStoreOnly.images.url("/")))
                .when().post("/createElement")
                .then().statusCode(200)
                .body("ElementId", matchesPattern("\\d+"));
        assertEquals(1, VodTrustStoreOnly.vod.createdCount());
    }
}
