package dev.vodelement.image.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.dns.AddressResolverOptions;

import dev.vodelement.element.ImageFacts;
import dev.vodelement.element.ImageReference;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.failure.Violation;
import dev.vodelement.image.address.HostResolver;
import dev.vodelement.invocation.InvocationDeadlines;
import dev.vodelement.standin.ImageServer;
import dev.vodelement.standin.StandaloneVertx;

/**
 * The request's deadline holds whatever the image hosts do: a DNS lookup that never answers is
 * abandoned at the deadline, the grace for slow threads is granted once per request, the
 * invocation's deadline caps the images', and one request's hanging hosts never hold up another's.
 * Margins are seconds wide: a busy machine cannot flip these results.
 */
class RequestDeadlineTest {

    /** A resolver whose lookups hang until the test releases them, counting them as they start. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger lookups = new AtomicInteger();
    private final CountDownLatch fourLookups = new CountDownLatch(4);
    private final Promise<List<InetAddress>> answer = Promise.promise();
    private final HostResolver hanging = host -> {
        lookups.incrementAndGet();
        fourLookups.countDown();
        return answer.future();
    };

    @AfterEach
    void releaseLookups() {
        release.countDown();
        answer.tryComplete(List.of(InetAddress.getLoopbackAddress()));
    }

    @Test
    void aDnsLookupThatNeverAnswersIsAbandonedAtTheDeadline() {
        try (HttpImageInspector inspector = new HttpImageInspector(
                TestImageCheckConfig.onLoopback().withDeadline(Duration.ofSeconds(2)), hanging,
                ImageServer.clientTls(), InvocationDeadlines.defaults(), StandaloneVertx.get())) {
            FunctionFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> assertThrows(FunctionFailure.class, () -> inspector.inspect(
                            List.of(new ImageReference("ElementFrontalImage", "http://hangs.example/a.jpg")))));
            assertEquals(List.of("ElementFrontalImage (http://hangs.example/a.jpg): timed out after 2 s"),
                    messages(failure));
            assertEquals(1, release.getCount(), "the lookup was still hanging when the request answered");
            assertEquals(1, lookups.get());
        }
    }

    /**
     * Vert.x's own resolver, pointed at a DNS server on loopback that reads every query and never
     * answers: the request ends at its deadline, the queries really went out, and no thread was
     * started for them (the old client parked one thread per lookup in the system resolver).
     */
    @Test
    void aDnsServerThatNeverAnswersCostsNoThreadAndEndsAtTheDeadline() throws Exception {
        try (DatagramSocket silentDns = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silentDns.setSoTimeout(10_000);
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                    .setAddressResolverOptions(new AddressResolverOptions()
                            .setServers(List.of("127.0.0.1:" + silentDns.getLocalPort()))
                            .setHostsValue(Buffer.buffer("127.0.0.1 localhost\n"))
                            .setQueryTimeout(60_000).setMaxQueries(1)));
            try (HttpImageInspector inspector = new HttpImageInspector(
                    TestImageCheckConfig.onLoopback().withDeadline(Duration.ofSeconds(2)), HostResolver.of(vertx),
                    ImageServer.clientTls(), InvocationDeadlines.defaults(), vertx)) {
                inspector.inspect(List.of(new ImageReference("ElementFrontalImage", "http://localhost:1/warm.jpg")))
                        .size();
            } catch (FunctionFailure expected) {
                // port 1 refuses: this only warms the event loop up, so that its thread is already counted
            }
            try (HttpImageInspector inspector = new HttpImageInspector(
                    TestImageCheckConfig.onLoopback().withDeadline(Duration.ofSeconds(2)), HostResolver.of(vertx),
                    ImageServer.clientTls(), InvocationDeadlines.defaults(), vertx)) {
                int threadsBefore = Thread.activeCount();
                long start = System.nanoTime();
                FunctionFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(30),
                        () -> assertThrows(FunctionFailure.class, () -> inspector.inspect(fourImages("silent-dns"))));
                long tookMillis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(4, failure.violations().size());
                failure.violations().forEach(v -> assertTrue(v.message().endsWith("timed out after 2 s"), v.message()));
                assertTrue(tookMillis < 4_000, "took " + tookMillis + " ms for a 2 s deadline");
                // four lookups hang: a thread per lookup (or per image) would show as four more; a
                // timer or two that Vert.x starts lazily may show as one
                assertTrue(Thread.activeCount() < threadsBefore + 4, "threads " + threadsBefore + " -> "
                        + Thread.activeCount());
                java.net.DatagramPacket query = new java.net.DatagramPacket(new byte[512], 512);
                silentDns.receive(query);
                assertTrue(query.getLength() > 12, "a DNS query reached the silent server");
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theGraceForSlowThreadsIsGrantedOncePerRequest() {
        // four checks that ignore the deadline; 2 s deadline + 3 s grace once = 5 s, once per image it would be 14 s
        HttpImageInspector.Checker stuck = (reference, deadline) -> Promise.<ImageFacts>promise().future();
        HttpImageInspector inspector = new HttpImageInspector(
                TestImageCheckConfig.onLoopback().withDeadline(Duration.ofSeconds(2)), InvocationDeadlines.defaults(),
                Duration.ofSeconds(3), stuck);
        long start = System.nanoTime();
        FunctionFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(40),
                () -> assertThrows(FunctionFailure.class, () -> inspector.inspect(fourImages("stuck"))));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(4, failure.violations().size());
        failure.violations().forEach(v -> assertTrue(v.message().endsWith("timed out after 2 s"), v.message()));
        assertTrue(tookMillis < 10_000, "took " + tookMillis + " ms: grace added more than once");
    }

    @Test
    void theInvocationsDeadlineCapsTheImageDeadline() {
        // 5 s left for the invocation, 3 s of it kept for recording: the images get 2 s, not their 20 s
        try (HttpImageInspector inspector = new HttpImageInspector(
                TestImageCheckConfig.onLoopback().withDeadline(Duration.ofSeconds(20)), hanging,
                ImageServer.clientTls(),
                InvocationDeadlines.standalone(Duration.ofSeconds(5), Duration.ofSeconds(3)), StandaloneVertx.get())) {
            long start = System.nanoTime();
            FunctionFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(40),
                    () -> assertThrows(FunctionFailure.class, () -> inspector.inspect(
                            List.of(new ImageReference("ElementFrontalImage", "http://hangs.example/a.jpg")))));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(messages(failure).get(0).contains("timed out after"), messages(failure).toString());
            assertTrue(tookMillis < 12_000, "took " + tookMillis + " ms, as if the image deadline of 20 s applied");
        }
    }

    @Test
    void aRequestWithHangingHostsNeverHoldsUpAnotherRequest() throws Exception {
        try (ImageServer server = ImageServer.start();
                HttpImageInspector inspector = new HttpImageInspector(
                        TestImageCheckConfig.onLoopback().withDeadline(Duration.ofSeconds(20)).withConcurrency(4),
                        name -> name.equals("localhost") ? Future.succeededFuture(List.of(InetAddress.getLoopbackAddress()))
                                : hanging.resolve(name),
                        ImageServer.clientTls(), InvocationDeadlines.defaults(), StandaloneVertx.get())) {
            CompletableFuture<Void> hostile = CompletableFuture.runAsync(
                    () -> assertThrows(FunctionFailure.class, () -> inspector.inspect(fourImages("hangs"))));
            assertTrue(fourLookups.await(20, TimeUnit.SECONDS), "the hostile request's four lookups are hanging");

            var healthy = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> inspector.inspect(
                    List.of(new ImageReference("ElementFrontalImage", server.url(ImageServer.FRONT_JPEG)))));

            assertEquals(1, healthy.size());
            assertFalse(hostile.isDone(), "the healthy request was answered while the hostile one still waited");
            release.countDown();
            answer.tryComplete(List.of(InetAddress.getLoopbackAddress()));
            hostile.get(40, TimeUnit.SECONDS);
        }
    }

    private static List<ImageReference> fourImages(String host) {
        return IntStream.range(0, 4).mapToObj(i -> new ImageReference(
                i == 0 ? "ElementFrontalImage" : "ElementReferList[" + (i - 1) + "].ImageUrl",
                "http://" + host + i + ".example/" + i + ".jpg")).toList();
    }

    private static List<String> messages(FunctionFailure failure) {
        return failure.violations().stream().map(Violation::message).toList();
    }
}
