package dev.vodelement.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.vodelement.standin.CosStandIn;
import dev.vodelement.standin.ImageServer;
import dev.vodelement.standin.VodStandIn;

/**
 * What a replayed {@code Idempotency-Key} costs against a first call, in one run of the packaged JVM
 * application ({@code target/quarkus-app}, so run {@code ./mvnw package} first): loopback stand-ins for
 * VOD, the image host and the COS store, the sample request with its two images, VOD pacing off. After
 * a warm-up, each round sends, one after the other, a request without a key, a first request with a new
 * key, and its replay, so that the machine's load falls on all three alike; medians and 90th percentiles
 * of the wall time per request, and their ratios, are printed. Loopback understates what a replay
 * saves on SCF, where the images and VOD are across the internet and COS is in the region.
 * Usage: {@code bench/idempotency.sh [rounds] [image latency ms]} (defaults 60 and 0).
 */
public final class IdempotencyBench {

    private static final Duration GIVE_UP = Duration.ofSeconds(120);

    private IdempotencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int imageLatencyMillis = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("package first (./mvnw package -DskipTests): no " + jar);
        }
        try (VodStandIn vod = VodStandIn.start();
                ImageServer images = ColdStartImages.serveSamples(ImageServer.start());
                CosStandIn store = CosStandIn.start().accept(VodStandIn.SECRET_ID, VodStandIn.SECRET_KEY, null)
                        .privateBucket(true)) {
            if (imageLatencyMillis > 0) {
                images.latency(Duration.ofMillis(imageLatencyMillis));
            }
            int port = DeadlineBench.freePort();
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-jar", jar.toString()).redirectErrorStream(true)
                    .redirectOutput(Files.createTempFile("idempotency-bench", ".log").toFile());
            builder.environment().putAll(Map.of("QUARKUS_HTTP_PORT", Integer.toString(port),
                    "VOD_ENDPOINT", vod.url(), "VOD_SECRET_ID", VodStandIn.SECRET_ID,
                    "VOD_SECRET_KEY", VodStandIn.SECRET_KEY, "VOD_SESSION_TOKEN", "",
                    "VOD_MIN_CALL_INTERVAL", "0", "VOD_IMAGE_CHECK_ALLOW_PRIVATE_NETWORKS", "true",
                    "VOD_COS_ALLOWED_HOST_SUFFIXES", store.host(),
                    "VOD_IDEMPOTENCY_ENDPOINT", "http://" + store.host() + ":" + store.port()));
            Process function = builder.start();
            try {
                run(URI.create("http://127.0.0.1:" + port + "/createElement"), body(images), rounds,
                        imageLatencyMillis, vod);
            } finally {
                function.destroy();
                function.waitFor();
            }
        }
    }

    private static void run(URI create, String body, int rounds, int imageLatencyMillis, VodStandIn vod)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        awaitServing(http, create, body);
        for (int i = 0; i < 20; i++) { // warm-up: JIT, connections, the store's first objects
            String key = UUID.randomUUID().toString();
            send(http, create, body, key, 200);
            send(http, create, body, key, 200);
        }
        long createdBefore = vod.createdCount();
        List<Long> plain = new ArrayList<>();
        List<Long> first = new ArrayList<>();
        List<Long> replay = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            String key = UUID.randomUUID().toString();
            plain.add(send(http, create, body, null, 200));
            first.add(send(http, create, body, key, 200));
            replay.add(send(http, create, body, key, 200));
        }
        long created = vod.createdCount() - createdBefore;
        if (created != 2L * rounds) {
            throw new IllegalStateException("VOD created " + created + " elements, expected " + 2 * rounds);
        }
        System.out.printf("Idempotency-Key, packaged JVM app, loopback stand-ins, image latency %d ms per response,"
                + " %d rounds (%s)%n", imageLatencyMillis, rounds, Instant.now());
        System.out.printf("%-38s %9s %9s%n", "POST /createElement", "median", "p90");
        print("no key (no store involved)", plain);
        print("first call with a key", first);
        print("replay (same key, same body)", replay);
        System.out.printf("replay / first call: %.3f (medians); first call with a key / no key: %.2f%n",
                median(replay) / (double) median(first), median(first) / (double) median(plain));
        System.out.printf("VOD calls: %d for %d first calls and %d calls without a key; none for %d replays%n",
                created, rounds, rounds, rounds);
    }

    private static void print(String label, List<Long> nanos) {
        System.out.printf("%-38s %7.2f ms %7.2f ms%n", label, median(nanos) / 1e6, percentile(nanos, 90) / 1e6);
    }

    private static long send(HttpClient http, URI create, String body, String key, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(create).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        if (response.statusCode() != expected) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return took;
    }

    private static void awaitServing(HttpClient http, URI create, String body) throws Exception {
        Instant giveUp = Instant.now().plus(GIVE_UP);
        while (true) {
            try {
                send(http, create, body, null, 200);
                return;
            } catch (IOException notYet) {
                if (Instant.now().isAfter(giveUp)) {
                    throw notYet;
                }
                Thread.sleep(200);
            }
        }
    }

    private static String body(ImageServer images) throws IOException {
        return Files.readString(Path.of("samples/create-element.json"))
                .replace("http://localhost:8080/dev/images/", images.url("/"));
    }

    private static long median(List<Long> values) {
        return percentile(values, 50);
    }

    private static long percentile(List<Long> values, int percent) {
        return DeadlineBench.percentile(values, percent);
    }
}
