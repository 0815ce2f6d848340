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
    void resolvesEveryAddressAndAnswersOnTheContext() throws Exception {
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<InetAddress> addresses = HostResolver.of(VERTX).resolve("localhost")
                .onSuccess(found -> threads.add(Thread.currentThread().getName()))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertTrue(addresses.stream().anyMatch(InetAddress::isLoopbackAddress), addresses::toString);
        assertEquals(1, threads.size());
        assertTrue(threads.get(0).startsWith("vert.x-"), "answered on " + threads);
    }
}
