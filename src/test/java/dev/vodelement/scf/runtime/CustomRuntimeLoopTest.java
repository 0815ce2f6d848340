package dev.vodelement.scf.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vodelement.standin.ScfRuntimeStandIn;
import dev.vodelement.standin.ScfRuntimeStandIn.Report;
import io.vertx.core.Vertx;

/**
 * The loop itself, against a real stand-in for SCF's runtime API, with a handler that echoes,
 * refuses, or breaks; the Quarkus-wired handler is exercised in {@code CustomRuntimeEventsTest}.
 */
class CustomRuntimeLoopTest {

    private static Vertx vertx;

    private final ScfRuntimeStandIn runtime = ScfRuntimeStandIn.start();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final List<String> requestIds = new CopyOnWriteArrayList<>();
    private final List<Optional<Duration>> timeLimits = new CopyOnWriteArrayList<>();
    private final CustomRuntimeLoop loop = new CustomRuntimeLoop(vertx, runtime.uri(), (event, requestId, timeLimit) -> {
        handled.add(event);
        requestIds.add(requestId);
        timeLimits.add(timeLimit);
        if (event.equals("boom")) {
            throw new IllegalStateException("handler bug with a secret-looking message q-signature=abc");
        }
        if (event.startsWith("refuse")) {
            return InvocationOutcome.error("{\"Error\":{\"Code\":\"InvalidParameter\",\"Message\":\"no\"}}");
        }
        return InvocationOutcome.response("{\"echo\":\"" + event + "\"}");
    });
    private final Thread thread = new Thread(loop, "test-custom-runtime");

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void stop() throws InterruptedException {
        loop.stop();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        runtime.close();
    }

    @Test
    void readyOnceThenEveryEventIsAnsweredInOrderAndABrokenOneDoesNotStopTheLoop() throws Exception {
        thread.start();

        var first = runtime.deliver("one");
        var broken = runtime.deliver("boom");
        var refused = runtime.deliver("refuse me");
        var last = runtime.deliver("two");

        Report one = first.get(10, TimeUnit.SECONDS);
        Report boom = broken.get(10, TimeUnit.SECONDS);
        Report no = refused.get(10, TimeUnit.SECONDS);
        Report two = last.get(10, TimeUnit.SECONDS);

        assertTrue(one.success());
        assertEquals("{\"echo\":\"one\"}", one.body());
        assertFalse(boom.success());
        assertTrue(boom.body().contains("InternalError"), boom.body());
        assertFalse(boom.body().contains("IllegalStateException"), boom.body());
        assertFalse(boom.body().contains("q-signature"), boom.body());
        assertFalse(no.success());
        assertTrue(two.success());
        assertEquals(List.of("one", "boom", "refuse me", "two"), handled);
        // SCF's own id of each invocation reaches the handler, which logs it with the outcome.
        assertEquals(List.of(one.requestId(), boom.requestId(), no.requestId(), two.requestId()), requestIds);
        // the runtime API's Time_Limit_In_Ms reaches the handler, which starts the invocation's deadline from it
        assertEquals(java.util.Collections.nCopies(4, Optional.of(Duration.ofSeconds(30))), timeLimits);
        assertEquals(1, runtime.readyCount());
        assertEquals(List.of(), runtime.protocolErrors());
    }

    @Test
    void manyEventsInARowEachArriveWhole() throws Exception {
        // events queued before the loop asks: each /next answer comes at once, its body in the same
        // packet as its head, and none may be lost or mixed up
        List<java.util.concurrent.CompletableFuture<Report>> reports = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            reports.add(runtime.deliver("event-" + i + "-" + "x".repeat(i * 7)));
        }
        thread.start();

        for (int i = 0; i < reports.size(); i++) {
            Report report = reports.get(i).get(30, TimeUnit.SECONDS);
            assertTrue(report.success(), report::toString);
            assertEquals("{\"echo\":\"event-" + i + "-" + "x".repeat(i * 7) + "\"}", report.body());
        }
        assertEquals(List.of(), runtime.protocolErrors());
    }

    @Test
    void stopsWhileWaitingForTheNextEvent() throws Exception {
        thread.start();
        runtime.deliver("one").get(10, TimeUnit.SECONDS);
        while (runtime.nextRequests() < 2) {
            Thread.onSpinWait(); // the loop is now in its long poll
        }

        loop.stop();
        thread.join(TimeUnit.SECONDS.toMillis(10));

        assertFalse(thread.isAlive());
    }

    @Test
    void waitsForTheRuntimeApiToBeReady() throws Exception {
        ScfRuntimeStandIn late = null;
        int port;
        try (ScfRuntimeStandIn placeholder = ScfRuntimeStandIn.start()) {
            port = placeholder.port();
        }
        CustomRuntimeLoop early = new CustomRuntimeLoop(vertx, CustomRuntimeLoop.apiUri("127.0.0.1", port),
                (event, requestId, timeLimit) -> InvocationOutcome.response("{}"));
        Thread earlyThread = new Thread(early);
        earlyThread.start();
        try {
            late = ScfRuntimeStandIn.start(port);
            assertTrue(late.deliver("x").get(15, TimeUnit.SECONDS).success());
            assertEquals(1, late.readyCount());
        } finally {
            early.stop();
            earlyThread.join(10_000);
            if (late != null) {
                late.close();
            }
        }
    }
}
