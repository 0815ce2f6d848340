package dev.vodelement.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vodelement.standin.CosStandIn;
import dev.vodelement.standin.ImageServer;
import dev.vodelement.standin.VodStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.response.Response;

/**
 * {@code Idempotency-Key} in the packaged application (jar, or native executable with -Dnative,
 * where the record's JSON mapping and the store's TLS are really exercised): the first request, its
 * replay without VOD or images, another request with the same key, a key in flight, a bad key. The
 * store is the https COS stand-in of {@link TlsStandInsResource}.
 */
@QuarkusIntegrationTest
@WithTestResource(TlsStandInsResource.class)
class IdempotencyIT {

    private final CosStandIn store = TlsStandInsResource.cos;
    private final VodStandIn vod = TlsStandInsResource.vod;
    private final ImageServer images = TlsStandInsResource.images;

    @BeforeEach
    void reset() {
        store.reset();
        vod.reset();
        images.reset();
    }

    @AfterEach
    void release() {
        vod.releaseAnswers();
    }

    @Test
    void aRepeatIsAnsweredFromTheRecordWithoutVodOrImages() {
        Response first = create("it-replay", request());
        assertEquals(200, first.statusCode(), first.asString());
        assertNull(first.header("Idempotent-Replayed"));
        int imageRequests = images.requests().size();

        Response again = create("it-replay", request());

        assertEquals(200, again.statusCode(), again.asString());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(first.<String>path("ElementId"), again.<String>path("ElementId"));
        assertEquals(first.<String>path("RequestId"), again.<String>path("RequestId"));
        assertEquals(1, vod.calls().size());
        assertEquals(imageRequests, images.requests().size());
        assertTrue(store.keys().stream().allMatch(k -> k.matches("idempotency/[0-9a-f]{64}\\.json")),
                store.keys()::toString);
    }

    @Test
    void anotherRequestWithTheSameKeyIs422() {
        assertEquals(200, create("it-reused", request()).statusCode());

        Response other = create("it-reused", request().replace("smiley", "frowny"));

        assertEquals(422, other.statusCode(), other.asString());
        assertEquals("FailedOperation.IdempotencyKeyReused", other.path("Error.Code"));
        assertEquals(1, vod.calls().size());
    }

    @Test
    void aKeyInFlightIs409WithRetryAfter() throws Exception {
        vod.holdAnswers();
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> create("it-in-flight", request()));
        vod.awaitHeldCall(60);

        Response duplicate = create("it-in-flight", request());

        assertEquals(409, duplicate.statusCode(), duplicate.asString());
        assertEquals("ResourceInUse.IdempotencyKey", duplicate.path("Error.Code"));
        assertTrue(duplicate.header("Retry-After").matches("[12]"), duplicate.header("Retry-After"));
        vod.releaseAnswers();
        assertEquals(200, first.get(60, TimeUnit.SECONDS).statusCode());
        assertEquals(1, vod.calls().size());
    }

    @Test
    void aBadKeyIs400NamingTheHeaderAndTheRule() {
        Response refused = create("k".repeat(256), request());

        assertEquals(400, refused.statusCode(), refused.asString());
        assertEquals("InvalidParameterValue.IdempotencyKey", refused.path("Error.Code"));
        assertEquals("Idempotency-Key must be 1 to 255 visible ASCII characters (0x21 to 0x7E), found 256 characters",
                refused.path("Error.Message"));
        assertEquals(0, vod.calls().size());
    }

    private static Response create(String key, String body) {
        return given().contentType("application/json").header("Idempotency-Key", key).body(body)
                .when().post("/createElement");
    }

    private String request() {
        return SampleRequests.createElement(images.url("/"));
    }
}
