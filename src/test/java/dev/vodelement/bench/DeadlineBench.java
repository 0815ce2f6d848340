package dev.vodelement.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import dev.vodelement.element.ImageReference;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.image.address.HostResolver;
import dev.vodelement.image.inspect.HttpImageInspector;
import dev.vodelement.image.inspect.TestImageCheckConfig;
import dev.vodelement.invocation.InvocationDeadlines;
import dev.vodelement.standin.ImageServer;
import dev.vodelement.standin.StandaloneVertx;

/**
 * Issue 9's figures, printed, not asserted: (a) four images whose DNS hangs, (b) four images whose
 * hosts accept and never answer, (c) a flood of such requests, many at a time, while healthy
 * requests run; each request's time against the deadline, healthy latency during the flood against
 * idle, and the function's threads and RSS before, at the peak and after. (b) and (c) run against
 * an unpacked SCF package, started as SCF starts it, through its {@code bootstrap} (the JVM package
 * with its heap flags, or the native executable), over {@code POST /validateElement}; (a) runs in
 * process against {@link HttpImageInspector} with a hanging {@link HostResolver}, because Java 17
 * offers no way to point the packaged jar's resolver at a stand-in DNS server from outside (the
 * {@code sun.net.spi.nameservice} properties are gone, {@code jdk.net.hosts.file} cannot hang, and
 * the machine's resolv.conf is not ours to change). Driven by {@code bench/deadlines.sh}.
 *
 * <pre>DeadlineBench --bootstrap DIR/bootstrap [--name jvm] [--flood 300] [--parallel 100] [--idle 40] [--after 60]</pre>
 */
public final class DeadlineBench {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    public static void main(String[] args) throws Exception {
        Path bootstrap = null;
        String name = "function";
        int flood = 300;
        int parallel = 100;
        int idle = 40;
        int afterSeconds = 60;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--bootstrap" -> bootstrap = Path.of(args[i + 1]);
                case "--name" -> name = args[i + 1];
                case "--flood" -> flood = Integer.parseInt(args[i + 1]);
                case "--parallel" -> parallel = Integer.parseInt(args[i + 1]);
                case "--idle" -> idle = Integer.parseInt(args[i + 1]);
                case "--after" -> afterSeconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (bootstrap == null || !Files.isRegularFile(bootstrap)) {
            throw new IllegalArgumentException("--bootstrap names no file: " + bootstrap);
        }
        hangingDns();
        try (ImageServer healthyHost = ImageServer.start(); HostileHost silent = HostileHost.silent();
                HostileHost trickling = HostileHost.trickling()) {
            System.out.println("(b) and (c) against the " + name + " package, started through " + bootstrap);
            Process function = startFunction(bootstrap, name);
            try {
                packaged(function, healthyHost, silent, trickling, flood, parallel, idle, afterSeconds);
                functionSide(log(name));
            } finally {
                function.destroy();
                if (!function.waitFor(10, TimeUnit.SECONDS)) {
                    function.destroyForcibly();
                }
            }
        }
    }

    /** (a) In process: four requests of four images whose lookups never answer, at the same time. */
    private static void hangingDns() throws Exception {
        // a lookup whose answer never comes (Vert.x's resolver holds no thread while it waits)
        io.vertx.core.Promise<List<InetAddress>> never = io.vertx.core.Promise.promise();
        HostResolver hanging = host -> never.future();
        HttpImageInspector inspector = new HttpImageInspector(TestImageCheckConfig.onLoopback(), hanging,
                ImageServer.clientTls(), InvocationDeadlines.defaults(), StandaloneVertx.get());
        System.out.println("(a) 4 requests x 4 images whose DNS hangs, in process (deadline " + DEADLINE.toSeconds()
                + " s)");
        List<CompletableFuture<Long>> requests = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            int request = r;
            requests.add(CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                try {
                    inspector.inspect(IntStream.range(0, 4).mapToObj(i -> new ImageReference(
                            i == 0 ? "ElementFrontalImage" : "ElementReferList[" + (i - 1) + "].ImageUrl",
                            "http://dns-hangs-" + request + "-" + i + ".example/a.jpg")).toList());
                } catch (FunctionFailure expected) {
                    // every image timed out
                }
                return (System.nanoTime() - start) / 1_000_000;
            }, Executors.newSingleThreadExecutor()));
        }
        for (int r = 0; r < requests.size(); r++) {
            printAgainstDeadline("    request " + (r + 1), requests.get(r).get());
        }
        long stuckLookups = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("image-dns-") && t.isAlive()).count();
        long probeThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("image-probe-") && t.isAlive()).count();
        System.out.printf(Locale.ROOT, "    after: %d abandoned lookup threads still hanging (they hold nothing), "
                + "%d image-probe threads left%n", stuckLookups, probeThreads);
        long start = System.nanoTime();
        try (ImageServer healthy = ImageServer.start()) {
            inspector.inspect(List.of(new ImageReference("ElementFrontalImage", healthy.url(ImageServer.FRONT_JPEG))));
        }
        System.out.printf(Locale.ROOT, "    a healthy image right after: checked in %d ms%n",
                (System.nanoTime() - start) / 1_000_000);
        never.tryComplete(List.of());
    }

    private static void packaged(Process function, ImageServer healthyHost, HostileHost silent,
            HostileHost trickling, int flood, int parallel, int idle, int afterSeconds) throws Exception {
        URI validate = URI.create("http://127.0.0.1:" + PORT + "/validateElement");
        String healthyBody = body(healthyHost.url(ImageServer.FRONT_JPEG), healthyHost.url(ImageServer.SIDE_PNG));
        String silentBody = body(silent.url(0), silent.url(1), silent.url(2), silent.url(3));
        String tricklingBody = body(trickling.url(0), trickling.url(1), trickling.url(2), trickling.url(3));
        waitUntilServing(function, validate, healthyBody);
        for (int i = 0; i < 20; i++) {
            send(validate, healthyBody); // warm-up
        }

        fourAtOnce("(b) 4 requests x 4 images whose hosts accept and never answer, package (deadline "
                + DEADLINE.toSeconds() + " s, read timeout 3 s)", validate, silentBody);
        fourAtOnce("(b') 4 requests x 4 images whose hosts send a byte a second and never finish their head (the "
                + "old client let only the deadline end them; Vert.x's idle timeout counts whole messages, so the "
                + "read timeout does)", validate, tricklingBody);

        List<Long> idleTimes = new ArrayList<>();
        for (int i = 0; i < idle; i++) {
            idleTimes.add(send(validate, healthyBody));
        }
        Thread.sleep(2000);
        long pid = function.pid();
        long threadsBefore = status(pid, "Threads:");
        long rssBefore = status(pid, "VmRSS:");

        System.out.printf(Locale.ROOT, "(c) flood: %d such requests (silent and trickling hosts in turn), %d at a time, "
                + "healthy requests one after another%n", flood, parallel);
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong peakThreads = new AtomicLong(threadsBefore);
        AtomicLong peakRss = new AtomicLong(rssBefore);
        Thread sampler = new Thread(() -> {
            while (flooding.get()) {
                try {
                    peakThreads.accumulateAndGet(status(pid, "Threads:"), Math::max);
                    peakRss.accumulateAndGet(status(pid, "VmRSS:"), Math::max);
                    Thread.sleep(100);
                } catch (Exception e) {
                    return;
                }
            }
        });
        sampler.start();
        List<Long> duringTimes = new CopyOnWriteArrayList<>();
        Thread healthyRunner = new Thread(() -> {
            while (flooding.get()) {
                duringTimes.add(send(validate, healthyBody));
                // about 20 a second: a steady stream of users, not a second flood competing for the CPUs
                sleepQuietly(HEALTHY_PAUSE);
            }
        });
        List<Long> floodTimes = new CopyOnWriteArrayList<>();
        Semaphore slots = new Semaphore(parallel);
        ExecutorService senders = Executors.newFixedThreadPool(parallel);
        long floodStart = System.nanoTime();
        healthyRunner.start();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < flood; i++) {
            slots.acquire();
            String hostile = i % 2 == 0 ? silentBody : tricklingBody;
            all.add(CompletableFuture.runAsync(() -> {
                try {
                    floodTimes.add(send(validate, hostile));
                } finally {
                    slots.release();
                }
            }, senders));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
        long floodMillis = (System.nanoTime() - floodStart) / 1_000_000;
        flooding.set(false);
        healthyRunner.join();
        sampler.join();
        senders.shutdown();

        long over = floodTimes.stream().filter(t -> t > DEADLINE.toMillis() + 100).count();
        System.out.printf(Locale.ROOT, "    %d flood requests in %d ms: p50 %d ms, p99 %d ms, max %d ms; "
                + "%d over the deadline by > 100 ms%n", floodTimes.size(), floodMillis, percentile(floodTimes, 50),
                percentile(floodTimes, 99), Collections.max(floodTimes), over);
        System.out.printf(Locale.ROOT, "    healthy requests: idle p50 %d ms, p99 %d ms (%d); during the flood p50 %d ms, "
                + "p99 %d ms, max %d ms (%d)%n", percentile(idleTimes, 50), percentile(idleTimes, 99), idleTimes.size(),
                percentile(duringTimes, 50), percentile(duringTimes, 99), Collections.max(duringTimes),
                duringTimes.size());

        long idleAgainAfter = -1;
        long threadsAfter = 0;
        long rssAfter = 0;
        for (int s = 1; s <= afterSeconds; s++) {
            Thread.sleep(1000);
            threadsAfter = status(pid, "Threads:");
            rssAfter = status(pid, "VmRSS:");
            if (idleAgainAfter < 0 && threadsAfter <= threadsBefore) {
                idleAgainAfter = s;
            }
        }
        System.out.printf(Locale.ROOT, "    threads: %d before, %d at the peak, %d %d s after (back to the idle "
                + "level %s)%n", threadsBefore, peakThreads.get(), threadsAfter, afterSeconds,
                idleAgainAfter < 0 ? "never" : "after " + idleAgainAfter + " s");
        System.out.printf(Locale.ROOT, "    RSS: %.1f MB before, %.1f MB at the peak (+%.1f MB), %.1f MB %d s after%n",
                rssBefore / 1024.0, peakRss.get() / 1024.0, (peakRss.get() - rssBefore) / 1024.0, rssAfter / 1024.0,
                afterSeconds);
        System.out.printf(Locale.ROOT, "targets: healthy p50 within 2x idle: %s; no request over its deadline by "
                + "> 100 ms (client's clock): %s; RSS growth <= 64 MB: %s; threads back to idle within 30 s: %s%n",
                percentile(duringTimes, 50) <= 2 * Math.max(1, percentile(idleTimes, 50)) ? "met" : "NOT met",
                over == 0 ? "met" : "NOT met", peakRss.get() - rssBefore <= 64 * 1024 ? "met" : "NOT met",
                idleAgainAfter >= 0 && idleAgainAfter <= 30 ? "met" : "NOT met");
        // Issue 18's targets, tighter: what is left once a request waiting for its images holds no thread.
        System.out.printf(Locale.ROOT, "issue 18 targets: threads at the peak <= idle + 32 (%d): %s; RSS growth "
                + "<= 32 MB: %s%n", peakThreads.get() - threadsBefore,
                peakThreads.get() <= threadsBefore + 32 ? "met" : "NOT met",
                peakRss.get() - rssBefore <= 32 * 1024 ? "met" : "NOT met");
    }

    private static final int PORT = freePort();

    /** Four copies of a request sent at the same time, each one's time printed against the deadline. */
    private static void fourAtOnce(String title, URI validate, String body) throws Exception {
        System.out.println(title);
        List<CompletableFuture<Long>> requests = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            requests.add(CompletableFuture.supplyAsync(() -> send(validate, body), Executors.newSingleThreadExecutor()));
        }
        for (int r = 0; r < requests.size(); r++) {
            printAgainstDeadline("    request " + (r + 1), requests.get(r).get());
        }
    }
    private static final String ACCESS_PREFIX = "bench-access ";

    private static Path log(String name) {
        return Path.of("target", "bench-deadlines-" + name + ".log");
    }

    /**
     * The hostile requests ((b), (b') and the flood: every 400) as the function itself timed them,
     * from the request's arrival at its HTTP layer to the answer. The difference from the client's
     * times is the wait before the function could read a request at all (connections queued while
     * a burst of 100 arrives on two busy cores), which no deadline inside the function can see.
     */
    private static void functionSide(Path log) throws IOException {
        List<Long> times = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            int at = line.indexOf(ACCESS_PREFIX);
            if (at >= 0) {
                String[] fields = line.substring(at + ACCESS_PREFIX.length()).trim().split(" ");
                if (fields.length >= 2 && fields[1].equals("400") && fields[0].matches("[0-9]+")) {
                    times.add(Long.parseLong(fields[0]));
                }
            }
        }
        if (times.isEmpty()) {
            System.out.println("    function side: no access log lines in " + log);
            return;
        }
        long over = times.stream().filter(t -> t > DEADLINE.toMillis() + 100).count();
        System.out.printf(Locale.ROOT, "    function side (access log, arrival to answer), %d hostile requests: p50 %d ms, "
                + "p99 %d ms, max %d ms (%+d ms against the deadline); %d over it by > 100 ms: %s%n", times.size(),
                percentile(times, 50), percentile(times, 99), Collections.max(times),
                Collections.max(times) - DEADLINE.toMillis(), over, over == 0 ? "met" : "NOT met");
    }
    private static final Duration HEALTHY_PAUSE = Duration.ofMillis(50);

    private static void sleepQuietly(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * As SCF starts it, through the package's own bootstrap (which {@code exec}s the JVM or the
     * executable, so the process measured is the function's), outside Custom Runtime mode: an HTTP server.
     */
    private static Process startFunction(Path bootstrap, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sh", bootstrap.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(log(name).toFile());
        builder.environment().remove("SCF_RUNTIME_API");
        // Quarkus' access log times each request from its arrival at the HTTP layer to its answer: the
        // function's own view of its deadline, without the client's wait for a CPU (functionSide).
        builder.environment().put("QUARKUS_HTTP_RECORD_REQUEST_START_TIME", "true");
        builder.environment().put("QUARKUS_HTTP_ACCESS_LOG_ENABLED", "true");
        builder.environment().put("QUARKUS_HTTP_ACCESS_LOG_PATTERN", ACCESS_PREFIX + "%D %s");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(PORT));
        builder.environment().put("VOD_IMAGE_CHECK_ALLOW_PRIVATE_NETWORKS", "true");
        builder.environment().put("VOD_SECRET_ID", "AKIDbench");
        builder.environment().put("VOD_SECRET_KEY", "bench");
        builder.environment().put("VOD_ENDPOINT", "http://127.0.0.1:9");
        builder.environment().put("VOD_CALLER_CHECK_AUTHENTICATED_UPSTREAM", "true");
        return builder.start();
    }

    private static void waitUntilServing(Process function, URI validate, String body) throws Exception {
        long giveUp = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < giveUp) {
            if (!function.isAlive()) {
                throw new IllegalStateException("the function exited; see target/bench-deadlines-*.log");
            }
            try {
                String answer = post(validate, body);
                if (answer.startsWith("HTTP/1.1 200 ")) {
                    return;
                }
                throw new IllegalStateException("a healthy request was answered: " + answer);
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the function never answered");
    }

    /**
     * The request's wall time in ms, whatever the answer (the flood's are 400s, all images
     * unreachable), from opening the connection to the last byte of the answer.
     */
    private static long send(URI uri, String body) {
        long start = System.nanoTime();
        try {
            post(uri, body);
        } catch (IOException e) {
            System.out.println("    request failed: " + e);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * POSTs {@code body} as JSON and returns the whole answer, status line first. A plain blocking
     * socket per request, so that what is timed is the function, not a client's shared selector
     * thread waiting for a CPU among the flood's hundreds of threads.
     */
    private static String post(URI uri, String body) throws IOException {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(head);
            socket.getOutputStream().write(json);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // until the server closes
        }
    }

    private static String body(String frontal, String... refers) {
        StringBuilder list = new StringBuilder();
        for (String refer : refers) {
            list.append(list.length() == 0 ? "" : ",").append("{\"ImageUrl\":\"").append(refer).append("\"}");
        }
        return "{\"ElementName\":\"bench\",\"ElementDescription\":\"deadline benchmark\",\"ElementFrontalImage\":\""
                + frontal + "\",\"ElementReferList\":[" + list + "]}";
    }

    private static void printAgainstDeadline(String label, long millis) {
        System.out.printf(Locale.ROOT, "%s: %5d ms, %+5d ms against the %d s deadline%n", label, millis,
                millis - DEADLINE.toMillis(), DEADLINE.toSeconds());
    }

    /** The {@code percent}th percentile (nearest rank) of {@code values}; -1 for none. Shared by the benches. */
    static long percentile(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readString(Path.of("/proc/" + pid + "/status")).split("\n")) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
            }
        }
        throw new IllegalStateException("no " + field);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An image host that never finishes an answer: a silent one accepts every connection and never
     * sends a byte; a trickling one sends a status line and then one byte of a header every second,
     * so that no byte-level read timeout ever fires (the read timeout of a client that waits for a
     * complete head does). Until closed.
     */
    private static final class HostileHost implements AutoCloseable {

        private final ServerSocket server;
        private final String name;
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final java.util.concurrent.ScheduledExecutorService drip =
                Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "trickling-host"));

        static HostileHost silent() throws IOException {
            return new HostileHost("never", false);
        }

        static HostileHost trickling() throws IOException {
            return new HostileHost("trickle", true);
        }

        private HostileHost(String name, boolean trickles) throws IOException {
            this.name = name;
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2048);
            daemon(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        if (trickles) {
                            socket.getOutputStream().write("HTTP/1.1 200 OK\r\nX-Slow: ".getBytes());
                        }
                        held.add(socket);
                    } catch (IOException e) {
                        if (server.isClosed()) {
                            return;
                        }
                    }
                }
            }, name + "-host").start();
            if (trickles) {
                drip.scheduleAtFixedRate(this::dripOneByte, 1, 1, TimeUnit.SECONDS);
            }
        }

        private void dripOneByte() {
            for (Socket socket : held) {
                try {
                    socket.getOutputStream().write('a');
                } catch (IOException gone) {
                    held.remove(socket);
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // already gone
                    }
                }
            }
        }

        private static Thread daemon(Runnable task, String threadName) {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        }

        String url(int image) {
            return "http://127.0.0.1:" + server.getLocalPort() + "/" + name + "-" + image + ".jpg";
        }

        @Override
        public void close() throws IOException {
            drip.shutdownNow();
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
