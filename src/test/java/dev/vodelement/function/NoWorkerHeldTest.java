package dev.vodelement.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vodelement.standin.IdempotencyStoreResource;
import dev.vodelement.standin.ImageServer;
import dev.vodelement.standin.VodStandIn;
import dev.vodelement.standin.VodStandInResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * While an HTTP function's images are being checked, it holds no worker thread (issue 18): with a
 * worker pool of one thread, three requests whose image host accepts and never answers (createElement
 * without and with an Idempotency-Key, validateElement) are all waiting on it, and other requests,
 * validateElement and createElement (VOD called), are still answered. Holding the worker, the second hanging request would never reach its image host and
 * nothing else would be answered until the images' deadline, here minutes away. Nothing depends on
 * timing: the hanging host ends when the test closes it, and every wait is a minute wide.
 */
@QuarkusTest
@TestProfile(NoWorkerHeldTest.OneWorker.class)
@WithTestResource(VodStandInResource.class)
@WithTestResource(IdempotencyStoreResource.class)
class NoWorkerHeldTest {

    public static class OneWorker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // One worker thread; the image checks' limits far beyond the test's own waits.
            return Map.of("quarkus.thread-pool.core-threads", "1", "quarkus.thread-pool.max-threads", "1",
                    "vod.invocation.timeout", "600s", "vod.image-check.deadline", "300s",
                    "vod.image-check.connect-timeout", "300s", "vod.image-check.read-timeout", "300s");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static ImageServer images;
    private static HangingHost hanging;

    @TestHTTPResource("/")
    URL function;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(WAIT).build();

    @BeforeAll
    static void start() {
        images = ImageServer.start();
        hanging = HangingHost.start();
    }

    @AfterAll
    static void stop() {
        images.close();
        hanging.close();
    }

    @Test
    void otherRequestsAreAnsweredWhileTheOnlyWorkersRequestsWaitForTheirImages() throws Exception {
        VodStandIn vod = VodStandIn.shared();
        vod.reset();
        IdempotencyStoreResource.cos.reset();
        CompletableFuture<HttpResponse<String>> hangingCreate = send("createElement", hanging.url());
        assertTrue(hanging.accepted(1), "the first request's probe reached the hanging host");
        CompletableFuture<HttpResponse<String>> hangingValidate = send("validateElement", hanging.url());
        assertTrue(hanging.accepted(1), "the second request reached its image host: the worker was free");
        CompletableFuture<HttpResponse<String>> hangingKeyed = send("createElement", hanging.url(), "key-1");
        assertTrue(hanging.accepted(1), "the keyed request reached its image host, holding its key's lock only");

        HttpResponse<String> validated = send("validateElement", images.url(ImageServer.FRONT_JPEG))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        HttpResponse<String> created = send("createElement", images.url(ImageServer.FRONT_JPEG))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertEquals(200, validated.statusCode(), validated.body());
        assertTrue(validated.body().startsWith("{\"Valid\":true"), validated.body());
        assertEquals(200, created.statusCode(), created.body());
        assertTrue(created.body().contains("\"ElementId\""), created.body());
        assertEquals(1, vod.createdCount());
        assertFalse(hangingCreate.isDone() || hangingValidate.isDone() || hangingKeyed.isDone(),
                "the hanging requests still wait");

        hanging.close(); // the host hangs up: no image could be checked
        for (CompletableFuture<HttpResponse<String>> answer : List.of(hangingCreate, hangingValidate, hangingKeyed)) {
            HttpResponse<String> refused = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("\"Code\":\"InvalidParameterValue.ElementFrontalImage\""),
                    refused.body());
        }
        assertEquals(1, vod.createdCount(), "VOD was never called for the refused requests");
        // The keyed request failed after its images, on a worker: its lock was released and nothing
        // recorded, so the same key with a good image creates the element.
        HttpResponse<String> keyed = send("createElement", images.url(ImageServer.FRONT_JPEG), "key-1")
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, keyed.statusCode(), keyed.body());
        assertEquals(2, vod.createdCount());
    }

    private CompletableFuture<HttpResponse<String>> send(String name, String frontal) {
        return send(name, frontal, null);
    }

    private CompletableFuture<HttpResponse<String>> send(String name, String frontal, String idempotencyKey) {
        String body = "{\"ElementName\":\"my subject\",\"ElementDescription\":\"a test subject\","
                + "\"ElementFrontalImage\":\"" + frontal + "\","
                + "\"ElementReferList\":[{\"ImageUrl\":\"" + images.url(ImageServer.SIDE_PNG) + "\"}]}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(function + name)).timeout(WAIT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An image host on loopback that accepts connections and never answers, until it is closed. */
    private static final class HangingHost implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> connections = new CopyOnWriteArrayList<>();
        private final Semaphore arrivals = new Semaphore(0);

        private HangingHost(ServerSocket socket) {
            this.socket = socket;
            Thread acceptor = new Thread(this::accept, "hanging-image-host");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        static HangingHost start() {
            try {
                return new HangingHost(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/hangs.jpg";
        }

        /** Whether {@code count} more connections arrived within the wait. */
        boolean accepted(int count) throws InterruptedException {
            return arrivals.tryAcquire(count, WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    connections.add(socket.accept());
                    arrivals.release();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
                for (Socket connection : connections) {
                    connection.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
