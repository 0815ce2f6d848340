package dev.vodelement.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback standing in for SCF's Custom Runtime API: it counts
 * {@code POST /runtime/init/ready}, hands out queued events on {@code GET /runtime/invocation/next}
 * (a long poll that blocks until an event is queued, with {@code Request_Id} and the other headers
 * SCF sends), and completes each delivery with what the runtime posts to
 * {@code /runtime/invocation/response} or {@code /runtime/invocation/error}. Like SCF, it hands
 * out the next event only after the previous one was answered.
 */
public final class ScfRuntimeStandIn implements AutoCloseable {

    /**
     * What the runtime reported for one event, when ({@link System#nanoTime()}) the event was handed
     * out (its {@code /next} answer sent) and when the report arrived.
     */
    public record Report(String requestId, boolean success, String body, long handedOutAtNanos, long reportedAtNanos) {
    }

    private record Delivery(String requestId, String event, CompletableFuture<Report> report, AtomicLong handedOutAt) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final BlockingQueue<Delivery> queued = new LinkedBlockingQueue<>();
    private final AtomicReference<Delivery> current = new AtomicReference<>();
    private final AtomicInteger readyCount = new AtomicInteger();
    private final AtomicLong firstReadyAtNanos = new AtomicLong();
    private final AtomicInteger nextRequests = new AtomicInteger();
    private final List<String> protocolErrors = new CopyOnWriteArrayList<>();

    private ScfRuntimeStandIn(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static ScfRuntimeStandIn start() {
        return start(0);
    }

    /** On a given port (0 for any), e.g. to come up after the runtime started polling. */
    public static ScfRuntimeStandIn start(int port) {
        try {
            HttpServer server = LoopbackHttpServers.http(port);
            ExecutorService executor = Executors.newCachedThreadPool();
            ScfRuntimeStandIn standIn = new ScfRuntimeStandIn(server, executor);
            server.createContext("/runtime/", standIn::handle);
            server.setExecutor(executor);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the SCF runtime API stand-in", e);
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI uri() {
        return URI.create("http://" + host() + ":" + port());
    }

    /** Queues an event; the future completes when the runtime reports its outcome. */
    public CompletableFuture<Report> deliver(String event) {
        Delivery delivery = new Delivery(UUID.randomUUID().toString(), event, new CompletableFuture<>(), new AtomicLong());
        queued.add(delivery);
        return delivery.report();
    }

    public int readyCount() {
        return readyCount.get();
    }

    /** {@link System#nanoTime()} of the first {@code POST /runtime/init/ready}, 0 before it. */
    public long firstReadyAtNanos() {
        return firstReadyAtNanos.get();
    }

    /** GET /runtime/invocation/next requests received so far, the one waiting included. */
    public int nextRequests() {
        return nextRequests.get();
    }

    /** Requests that broke the protocol (an outcome with no event handed out, an unknown path). */
    public List<String> protocolErrors() {
        return List.copyOf(protocolErrors);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        switch (method + " " + path) {
            case "POST /runtime/init/ready" -> {
                firstReadyAtNanos.compareAndSet(0, System.nanoTime());
                readyCount.incrementAndGet();
                send(exchange, 200, "");
            }
            case "GET /runtime/invocation/next" -> next(exchange);
            case "POST /runtime/invocation/response" -> report(exchange, true, body);
            case "POST /runtime/invocation/error" -> report(exchange, false, body);
            default -> {
                protocolErrors.add(method + " " + path);
                send(exchange, 404, "");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        nextRequests.incrementAndGet();
        if (current.get() != null) {
            protocolErrors.add("next requested before the previous event was answered");
        }
        Delivery delivery;
        try {
            delivery = queued.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // closing
        }
        current.set(delivery);
        exchange.getResponseHeaders().set("Request_Id", delivery.requestId());
        exchange.getResponseHeaders().set("Memory_Limit_In_Mb", "128");
        exchange.getResponseHeaders().set("Time_Limit_In_Ms", "30000");
        send(exchange, 200, delivery.event());
        delivery.handedOutAt().set(System.nanoTime());
    }

    private void report(HttpExchange exchange, boolean success, byte[] body) throws IOException {
        long reportedAt = System.nanoTime();
        Delivery delivery = current.getAndSet(null);
        if (delivery == null) {
            protocolErrors.add("an outcome was posted with no event handed out");
            send(exchange, 400, "");
            return;
        }
        send(exchange, 200, "");
        delivery.report().complete(new Report(delivery.requestId(), success,
                new String(body, StandardCharsets.UTF_8), delivery.handedOutAt().get(), reportedAt));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
