package dev.vodelement.image.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

/**
 * The image checks' resolver: Vert.x's, every address of a name, the answer handed back on a Vert.x
 * context.
 */
class HostResolverTest {

    private static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void close() {
        VERTX.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void resolvesEveryAddressAndAnswersOnTheEventLoopOfTheCaller() throws Exception {
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<List<InetAddress>> answer = new java.util.concurrent.CompletableFuture<>();
        // The image checks call it from an event loop; the answer must come back on one, never on a
        // thread of the resolver's own (whether the future is complete before or after the handler
        // is attached, which depends on timing, the handler runs on that event loop).
        VERTX.runOnContext(v -> HostResolver.of(VERTX).resolve("localhost").onComplete(done -> {
            threads.add(Thread.currentThread().getName());
            if (done.succeeded()) {
                answer.complete(done.result());
            } else {
                answer.completeExceptionally(done.cause());
            }
        }));
        List<InetAddress> addresses = answer.get(30, TimeUnit.SECONDS);

        assertTrue(addresses.stream().anyMatch(InetAddress::isLoopbackAddress), addresses::toString);
        assertEquals(1, threads.size());
        assertTrue(threads.get(0).startsWith("vert.x-eventloop"), "answered on " + threads);
    }
}
