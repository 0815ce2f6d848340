package dev.vodelement.image.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

import dev.vodelement.element.ImageReference;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.failure.Violation;
import dev.vodelement.image.address.HostResolver;
import dev.vodelement.invocation.InvocationDeadlines;
import dev.vodelement.standin.ImageServer;

/**
 * The request's deadline holds whatever the image hosts do: a DNS lookup that never answers is
 * abandoned at the deadline, the grace for slow threads is granted once per request, the
 * invocation's deadline caps the images', and one request's hanging hosts never hold up another's.
 * Margins are seconds wide: a busy machine cannot flip these results.
 */
class RequestDeadlineTest {

    /** A resolver whose lookups hang until the test ends, counting them as they start. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger lookups = new AtomicInteger();
    private final CountDownLatch fourLookups = new CountDownLatch(4);
    private final HostResolver hanging = host -> {
        lookups.incrementAndGet();
        fourLookups.countDown();
        boolean released = false;
        while (!released) {
            try {
                released = release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                // like the system resolver, a lookup cannot be interrupted
            }
        }
        return new InetAddress[] { InetAddress.getLoopbackAddress() };
    };

    @AfterEach
    void releaseLookups() {
        release.countDown();
    }

    @Test
    void aDnsLookupThatNeverAnswersIsAbandonedAtTheDeadline() {
        try (HttpImageInspector inspector = new HttpImageInspector(
                TestImageCheckConfig.onLoopback().withDeadline(Duration.ofSeconds(2)), hanging,
                ImageServer.clientTls())) {
            FunctionFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> assertThrows(FunctionFailure.class, () -> inspector.inspect(
                            List.of(new ImageReference("ElementFrontalImage", "http://hangs.example/a.jpg")))));
            assertEquals(List.of("ElementFrontalImage (http://hangs.example/a.jpg): timed out after 2 s"),
                    messages(failure));
            assertEquals(1, release.getCount(), "the lookup was still hanging when the request answered");
            assertEquals(1, lookups.get());
        }
    }

    @Test
    void theGraceForSlowThreadsIsGrantedOncePerRequest() {
        // four checks that ignore the deadline; 2 s deadline + 3 s grace once = 5 s, once per image it would be 14 s
        HttpImageInspector.Checker stuck = (reference, deadline) -> {
            try {
                release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("never decided in time");
        };
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
                ImageServer.clientTls(), InvocationDeadlines.standalone(Duration.ofSeconds(5), Duration.ofSeconds(3)))) {
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
                        name -> name.equals("localhost") ? new InetAddress[] { InetAddress.getLoopbackAddress() }
                                : hanging.resolve(name),
                        ImageServer.clientTls())) {
            CompletableFuture<Void> hostile = CompletableFuture.runAsync(
                    () -> assertThrows(FunctionFailure.class, () -> inspector.inspect(fourImages("hangs"))));
            assertTrue(fourLookups.await(20, TimeUnit.SECONDS), "the hostile request's four lookups are hanging");

            var healthy = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> inspector.inspect(
                    List.of(new ImageReference("ElementFrontalImage", server.url(ImageServer.FRONT_JPEG)))));

            assertEquals(1, healthy.size());
            assertFalse(hostile.isDone(), "the healthy request was answered while the hostile one still waited");
            release.countDown();
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
