package dev.vodelement.dev;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.standin.VodStandIn;
import dev.vodelement.standin.VodStandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * The README's upload example without a cloud account: the dev bucket simulator's own classes
 * ({@link CosSimulator}'s routes over a {@link SampleBucket} of {@code samples/}) on a Vert.x server
 * of the test's, the function pointed at it as the dev profile points it, and the sample COS event
 * delivered exactly as {@code samples/events/cos-upload.json} has it. The first delivery creates the
 * element and writes the result object where docs/events.md says, the second reports it existing,
 * and nothing is written into samples/.
 */
@QuarkusTest
@WithTestResource(VodStandInResource.class)
@TestProfile(DevBucketUploadTest.DevBucket.class)
class DevBucketUploadTest {

    /** The simulator, up before Quarkus reads its configuration. */
    static final class Simulator {
        static final Path WRITES;
        static final int PORT;

        static {
            try {
                WRITES = Files.createTempDirectory("dev-bucket");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Vertx vertx = Vertx.vertx();
            Router router = Router.router(vertx);
            CosSimulator.install(router, new SampleBucket(Path.of("samples"), WRITES, VodStandIn.SECRET_ID,
                    VodStandIn.SECRET_KEY, Clock.systemUTC()));
            try {
                PORT = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
                        .toCompletableFuture().get().actualPort();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the dev bucket simulator", e);
            }
        }
    }

    public static class DevBucket implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vod.cos.endpoint-override", "http://127.0.0.1:" + Simulator.PORT + CosSimulator.PATH);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final VodStandIn vod = VodStandIn.shared();

    @BeforeEach
    void reset() {
        vod.reset();
    }

    @Test
    void theSampleEventCreatesTheCatThenReportsItExisting() throws Exception {
        String sampleEvent = Files.readString(Path.of("samples/events/cos-upload.json"));

        JsonNode first = deliver(sampleEvent).path("Results").get(0);

        assertEquals("created", first.path("Status").asText(), first.toString());
        assertEquals("elements/cat.element.json", first.path("Manifest").asText());
        String elementId = first.path("ElementId").asText();
        assertEquals(vod.calls().get(0).elementId(), elementId);
        Path result = Simulator.WRITES.resolve("elements/cat.element.result.json");
        assertEquals(elementId, MAPPER.readTree(Files.readString(result)).path("ElementId").asText());
        assertEquals(List.of("elements/cat.element.result.json"), written(), "no lock object is left");
        JsonNode sent = vod.calls().get(0).json();
        assertTrue(sent.path("ElementFrontalImage").asText().startsWith("http://127.0.0.1:" + Simulator.PORT
                + "/dev/cos/elements/images/cat-front.jpg?q-sign-algorithm=sha1&"), sent.toString());

        JsonNode again = deliver(sampleEvent).path("Results").get(0);

        assertEquals("existing", again.path("Status").asText(), again.toString());
        assertEquals(elementId, again.path("ElementId").asText());
        assertEquals(1, vod.calls().size());
        try (Stream<Path> samples = Files.walk(Path.of("samples"))) {
            assertFalse(samples.anyMatch(p -> p.getFileName().toString().matches(".*\\.(result|error)\\.json|.*\\.lock.*")),
                    "nothing is written into samples/");
        }
    }

    private static JsonNode deliver(String event) throws Exception {
        Response response = given().contentType("application/json").body(event).post("/event-invoke");
        assertEquals(200, response.statusCode(), response.asString());
        return MAPPER.readTree(response.asString());
    }

    private static List<String> written() throws IOException {
        try (Stream<Path> files = Files.walk(Simulator.WRITES)) {
            return files.filter(Files::isRegularFile).map(p -> Simulator.WRITES.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}
