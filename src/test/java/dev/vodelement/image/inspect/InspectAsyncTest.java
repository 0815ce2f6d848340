package dev.vodelement.image.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.vertx.core.Promise;

import dev.vodelement.element.ImageFacts;
import dev.vodelement.element.ImageReference;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.failure.Violation;
import dev.vodelement.image.Deadline;
import dev.vodelement.image.ImageRejected;
import dev.vodelement.invocation.InvocationDeadline;
import dev.vodelement.invocation.InvocationDeadlines;

/**
 * {@link HttpImageInspector#inspectAsync}: it returns before any image is answered (no thread
 * waits), completes with the facts in request order or fails with the same failure as
 * {@link HttpImageInspector#inspect}, and draws from the deadline handed in, not from a current one.
 * The probes are stand-ins the test completes itself: nothing depends on timing.
 */
class InspectAsyncTest {

    private static final List<ImageReference> TWO = List.of(
            new ImageReference("ElementFrontalImage", "http://a.example/front.jpg"),
            new ImageReference("ElementReferList[0].ImageUrl", "http://b.example/side.png"));

    /** Each probe waits for the test to answer it, by URL. */
    private final Map<String, Promise<ImageFacts>> pending = new ConcurrentHashMap<>();
    private final Map<String, Deadline> deadlines = new ConcurrentHashMap<>();
    private final HttpImageInspector.Checker answeredByTheTest = (reference, deadline) -> {
        deadlines.put(reference.url(), deadline);
        return pending.computeIfAbsent(reference.url(), url -> Promise.promise()).future();
    };

    private HttpImageInspector inspector(Duration imageDeadline) {
        return new HttpImageInspector(TestImageCheckConfig.onLoopback().withDeadline(imageDeadline),
                InvocationDeadlines.defaults(), Duration.ZERO, answeredByTheTest);
    }

    @Test
    void returnsAtOnceAndCompletesWithTheFactsInRequestOrder() throws Exception {
        CompletableFuture<List<ImageFacts>> stage = inspector(Duration.ofSeconds(60))
                .inspectAsync(TWO, InvocationDeadlines.defaults().current()).toCompletableFuture();

        assertFalse(stage.isDone(), "nothing is answered yet, and no thread waited for it");
        pending.get("http://b.example/side.png").complete(facts(TWO.get(1), "PNG"));
        assertFalse(stage.isDone(), "one image is still unanswered");
        pending.get("http://a.example/front.jpg").complete(facts(TWO.get(0), "JPEG"));

        List<ImageFacts> facts = stage.get(30, TimeUnit.SECONDS);
        assertEquals(List.of("JPEG", "PNG"), facts.stream().map(ImageFacts::format).toList());
    }

    @Test
    void failsWithEveryBrokenImageAsInspectThrowsThem() throws Exception {
        CompletableFuture<List<ImageFacts>> stage = inspector(Duration.ofSeconds(60))
                .inspectAsync(TWO, InvocationDeadlines.defaults().current()).toCompletableFuture();
        pending.get("http://a.example/front.jpg").fail(new ImageRejectedList(List.of(
                new ImageRejected("width 200 px is below 300 px"), new ImageRejected("format is GIF, not JPEG or PNG"))));
        pending.get("http://b.example/side.png").fail(new ImageRejectedList(List.of(
                ImageRejected.unreachable("connection refused"))));

        ExecutionException thrown = assertThrows(ExecutionException.class, () -> stage.get(30, TimeUnit.SECONDS));
        FunctionFailure failure = assertInstanceOf(FunctionFailure.class, thrown.getCause());
        assertEquals(List.of(
                "ElementFrontalImage (http://a.example/front.jpg): width 200 px is below 300 px",
                "ElementFrontalImage (http://a.example/front.jpg): format is GIF, not JPEG or PNG",
                "ElementReferList[0].ImageUrl (http://b.example/side.png): connection refused"),
                failure.violations().stream().map(Violation::message).toList());
    }

    @Test
    void drawsFromTheDeadlineHandedIn() {
        // the inspector's own deadlines would give 30 s; the invocation handed in has 4 s - 3 s reserve
        InvocationDeadline almostOver = InvocationDeadline.startingNow(Duration.ofSeconds(4), Optional.empty(),
                Duration.ofSeconds(3));
        inspector(Duration.ofSeconds(60)).inspectAsync(TWO.subList(0, 1), almostOver);

        long remaining = deadlines.get("http://a.example/front.jpg").remainingMillis();
        assertTrue(remaining <= 1_000, "the probe got " + remaining + " ms, not the 1 s left for work");
    }

    @Test
    void imagesStillUnansweredAtTheDeadlineAreReportedAsTimedOut() throws Exception {
        // the probe never answers; the image deadline (1 s, no grace) completes the stage by itself
        CompletableFuture<List<ImageFacts>> stage = inspector(Duration.ofSeconds(1))
                .inspectAsync(TWO.subList(0, 1), InvocationDeadlines.defaults().current()).toCompletableFuture();

        ExecutionException thrown = assertThrows(ExecutionException.class, () -> stage.get(60, TimeUnit.SECONDS));
        FunctionFailure failure = assertInstanceOf(FunctionFailure.class, thrown.getCause());
        assertEquals(List.of("ElementFrontalImage (http://a.example/front.jpg): timed out after 1 s"),
                failure.violations().stream().map(Violation::message).toList());
    }

    @Test
    void noImagesCompleteAtOnce() {
        assertTrue(inspector(Duration.ofSeconds(1)).inspectAsync(List.of(), InvocationDeadlines.defaults().current())
                .toCompletableFuture().isDone());
    }

    private static ImageFacts facts(ImageReference reference, String format) {
        return new ImageFacts(reference.field(), reference.displayUrl(), format, 800, 600, 1000);
    }
}
