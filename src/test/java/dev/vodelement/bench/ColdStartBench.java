package dev.vodelement.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

import dev.vodelement.standin.ImageServer;
import dev.vodelement.standin.ScfRuntimeStandIn;
import dev.vodelement.standin.TestTls;
import dev.vodelement.standin.VodStandIn;

/**
 * Cold start, measured: starts the VOD stand-in (TC3-verifying) and an image host on loopback, then
 * for every run and mode starts the given command from nothing and times the first successful
 * {@code createElement}, with where the time went (process start, Quarkus' "started" log line, the
 * runtime's ready call, the answer) and the process' peak RSS (VmHWM) from /proc. Modes run
 * round-robin so that drift of the machine spreads over all of them; each is compared with the floor
 * of its family (native modes with {@code native-floor}, the others with {@code floor}). A soak mode
 * runs once, after the cold starts: it hands a Custom Runtime {@code --soak-events} four-image events
 * in a row and reads the peak RSS at the end. With {@code --tls}, VOD and the image host speak https
 * (the test CA, trusted through system properties appended to every command: native modes only).
 * Driven by {@code bench/cold-start.sh}.
 *
 * <pre>
 * ColdStartBench --runs N --request samples/create-element.json [--soak-events 200] [--tls]
 *                --mode 'label|server|workdir|command ...'   (a function polled over HTTP)
 *                --mode 'label|runtime|workdir|command ...'  (a function in SCF Custom Runtime mode)
 *                --mode 'label|soak|workdir|command ...'     (the same, many events, once)
 *                --mode 'label|oneshot|workdir|command ...'  (a floor: exits 0 once it has its ElementId)
 * </pre>
 */
public final class ColdStartBench {

    private static final Duration GIVE_UP = Duration.ofSeconds(120);
    private static final String QUARKUS_STARTED = " started in ";

    /** How a mode's first element is asked for and recognised. */
    enum Kind {
        /** An HTTP server: POST /createElement until it answers 200 with an ElementId. */
        SERVER,
        /** SCF's Custom Runtime: the event handed out by a runtime API stand-in until reported done. */
        RUNTIME,
        /** A Custom Runtime handed many four-image events in a row, measured once. */
        SOAK,
        /** A program that exits 0 once it has its ElementId, printing "VmHWM_kB=..." last. */
        ONESHOT
    }

    record Mode(String label, Kind kind, Path workdir, List<String> command) {
        static Mode parse(String spec) {
            String[] parts = spec.split("\\|", 4);
            return new Mode(parts[0], Kind.valueOf(parts[1].toUpperCase(Locale.ROOT)), Path.of(parts[2]),
                    List.of(parts[3].trim().split("\\s+")));
        }

        Mode withArguments(List<String> arguments) {
            List<String> longer = new ArrayList<>(command);
            longer.addAll(arguments);
            return new Mode(label, kind, workdir, longer);
        }

        /** The floors this mode is compared with: the same work without the framework, the framework without the work. */
        List<String> floorLabels() {
            return label.startsWith("native") ? List.of("native-floor", "native-framework") : List.of("floor");
        }

        boolean isFloor() {
            return kind == Kind.ONESHOT || label.equals("native-framework");
        }
    }

    /**
     * One run: milliseconds from process start to Quarkus' "started" line (-1 when none), to the
     * runtime's ready call and to the event's hand-out ({@code /next} answered; both -1 outside Custom
     * Runtime mode), and to the first ElementId; the CPU time
     * the process' threads had used by then (less sensitive than wall time to a busy machine); peak RSS.
     */
    record Sample(long startedMillis, long readyMillis, long handedMillis, long millis, long cpuMillis, long peakRssKb) {
    }

    /** A started process whose output is copied to a log while its "started" line is timed. */
    private record Started(Process process, Thread output, long startNanos, AtomicLong startedAtNanos) {
        long startedMillis() {
            long at = startedAtNanos.get();
            return at == 0 ? -1 : (at - startNanos) / 1_000_000;
        }

        long millisTo(long nanos) {
            return (nanos - startNanos) / 1_000_000;
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = 7;
        int soakEvents = 200;
        boolean tls = false;
        Path requestFile = Path.of("samples/create-element.json");
        List<Mode> modes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--soak-events" -> soakEvents = Integer.parseInt(args[++i]);
                case "--tls" -> tls = true;
                case "--request" -> requestFile = Path.of(args[++i]);
                case "--mode" -> modes.add(Mode.parse(args[++i]));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (tls) {
            // VOD and the image host over https with the test CA, trusted through the standard
            // system properties, which native executables read from their command line too
            Path trustStore = TestTls.temporaryTrustStore();
            List<String> trust = List.of("-Djavax.net.ssl.trustStore=" + trustStore,
                    "-Djavax.net.ssl.trustStorePassword=" + TestTls.PASSWORD, "-Djavax.net.ssl.trustStoreType=PKCS12");
            modes = modes.stream().map(m -> m.withArguments(trust)).toList();
        }
        try (VodStandIn vod = tls ? VodStandIn.startTls() : VodStandIn.start();
                ImageServer images = ColdStartImages.serveSamples(tls ? ImageServer.startTls() : ImageServer.start())) {
            String request = Files.readString(requestFile)
                    .replace("http://localhost:8080/dev/images/", images.url("/"));
            Path requestCopy = Files.createTempFile("cold-start-request", ".json");
            Files.writeString(requestCopy, request);
            Map<String, List<Sample>> samples = new LinkedHashMap<>();
            modes.stream().filter(m -> m.kind() != Kind.SOAK).forEach(m -> samples.put(m.label(), new ArrayList<>()));
            for (int run = 1; run <= runs; run++) {
                for (Mode mode : modes) {
                    if (mode.kind() == Kind.SOAK) {
                        continue;
                    }
                    Sample sample = measure(mode, vod, request, requestCopy);
                    samples.get(mode.label()).add(sample);
                    System.out.printf(Locale.ROOT, "run %d %-16s %5d ms (started %4d, ready %4d, handed out %4d)  cpu %4d ms  %6.1f MB peak RSS%n",
                            run, mode.label(), sample.millis(), sample.startedMillis(), sample.readyMillis(),
                            sample.handedMillis(),
                            sample.cpuMillis(), sample.peakRssKb() / 1024.0);
                }
            }
            report(modes, samples);
            for (Mode mode : modes) {
                if (mode.kind() == Kind.SOAK) {
                    soak(mode, vod, fourImageRequest(request, images), soakEvents);
                }
            }
            System.out.printf("VOD stand-in created %d elements, all with valid TC3 signatures%n", vod.createdCount());
            if (vod.calls().stream().anyMatch(c -> !c.signatureValid())) {
                throw new IllegalStateException("a call reached the VOD stand-in with a bad signature");
            }
        }
    }

    private static Sample measure(Mode mode, VodStandIn vod, String request, Path requestFile) throws Exception {
        int port = freePort();
        ProcessBuilder builder = processFor(mode, vod, port, requestFile);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest create = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/createElement"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request)).timeout(Duration.ofSeconds(20)).build();

        ScfRuntimeStandIn runtime = null;
        CompletableFuture<ScfRuntimeStandIn.Report> report = null;
        if (mode.kind() == Kind.RUNTIME) {
            runtime = ScfRuntimeStandIn.start();
            builder.environment().put("SCF_RUNTIME_API", runtime.host());
            builder.environment().put("SCF_RUNTIME_API_PORT", Integer.toString(runtime.port()));
            report = runtime.deliver(request);
        }

        Started started = start(builder, mode);
        Process process = started.process();
        try {
            switch (mode.kind()) {
                case ONESHOT -> {
                    if (!process.waitFor(GIVE_UP.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                        throw new IllegalStateException(mode.label() + " failed: " + log(mode));
                    }
                    long millis = started.millisTo(System.nanoTime());
                    started.output().join(TimeUnit.SECONDS.toMillis(10));
                    return new Sample(-1, -1, -1, millis, lastFigure(log(mode), "CpuNs=") / 1_000_000,
                            lastFigure(log(mode), "VmHWM_kB="));
                }
                case RUNTIME -> {
                    ScfRuntimeStandIn.Report done = awaitReport(mode, report);
                    if (!done.success() || !done.body().contains("\"ElementId\"")) {
                        throw new IllegalStateException(mode.label() + " reported " + done);
                    }
                    return new Sample(started.startedMillis(), started.millisTo(runtime.firstReadyAtNanos()),
                            started.millisTo(done.handedOutAtNanos()), started.millisTo(done.reportedAtNanos()), cpuMillis(process.pid()), vmHwm(process.pid()));
                }
                default -> {
                    long answeredAt = pollCreateElement(mode, started, client, create);
                    return new Sample(started.startedMillis(), -1, -1, started.millisTo(answeredAt), cpuMillis(process.pid()),
                            vmHwm(process.pid()));
                }
            }
        } finally {
            stop(process);
            if (runtime != null) {
                runtime.close();
            }
        }
    }

    /** Many four-image events through one Custom Runtime process; its peak and current RSS at the end. */
    private static void soak(Mode mode, VodStandIn vod, String request, int events) throws Exception {
        ProcessBuilder builder = processFor(mode, vod, freePort(), Files.createTempFile("soak", ".json"));
        try (ScfRuntimeStandIn runtime = ScfRuntimeStandIn.start()) {
            builder.environment().put("SCF_RUNTIME_API", runtime.host());
            builder.environment().put("SCF_RUNTIME_API_PORT", Integer.toString(runtime.port()));
            List<CompletableFuture<ScfRuntimeStandIn.Report>> reports = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                reports.add(runtime.deliver(request));
            }
            Started started = start(builder, mode);
            try {
                long firstRss = -1;
                for (int i = 0; i < reports.size(); i++) {
                    ScfRuntimeStandIn.Report done = awaitReport(mode, reports.get(i));
                    if (!done.success() || !done.body().contains("\"ElementId\"")) {
                        throw new IllegalStateException(mode.label() + " event " + i + " reported " + done);
                    }
                    if (i == 0) {
                        firstRss = vmHwm(started.process().pid());
                    }
                }
                long millis = started.millisTo(System.nanoTime());
                String status = Files.readString(Path.of("/proc/" + started.process().pid() + "/status"));
                System.out.printf(Locale.ROOT, "%n%s: %d four-image events in %d ms (%.1f ms each); peak RSS %.1f MB "
                        + "after the first, %.1f MB after all (VmRSS now %.1f MB)%n", mode.label(), events, millis,
                        (double) millis / events, firstRss / 1024.0, vmHwm(started.process().pid()) / 1024.0,
                        statusKb(status, "VmRSS:") / 1024.0);
            } finally {
                stop(started.process());
            }
        }
    }

    private static ProcessBuilder processFor(Mode mode, VodStandIn vod, int port, Path requestFile) {
        ProcessBuilder builder = new ProcessBuilder(mode.command()).directory(mode.workdir().toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("VOD_ENDPOINT", vod.url());
        env.put("VOD_SECRET_ID", VodStandIn.SECRET_ID);
        env.put("VOD_SECRET_KEY", VodStandIn.SECRET_KEY);
        env.put("VOD_IMAGE_CHECK_ALLOW_PRIVATE_NETWORKS", "true");
        env.put("BENCH_REQUEST_FILE", requestFile.toString());
        return builder;
    }

    private static Started start(ProcessBuilder builder, Mode mode) throws IOException {
        long startNanos = System.nanoTime();
        Process process = builder.start();
        AtomicLong startedAt = new AtomicLong();
        Thread copier = new Thread(() -> copyOutput(process, mode, startedAt), "output-" + mode.label());
        copier.setDaemon(true);
        copier.start();
        return new Started(process, copier, startNanos, startedAt);
    }

    /** The process' output into its log, noting when Quarkus' "started" line went by. */
    private static void copyOutput(Process process, Mode mode, AtomicLong startedAt) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); Writer log = Files.newBufferedWriter(logFile(mode))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.contains(QUARKUS_STARTED)) {
                    startedAt.compareAndSet(0, System.nanoTime());
                }
                log.write(line);
                log.write('\n');
                log.flush();
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static ScfRuntimeStandIn.Report awaitReport(Mode mode, CompletableFuture<ScfRuntimeStandIn.Report> report)
            throws Exception {
        try {
            return report.get(GIVE_UP.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(mode.label() + " never reported the event: " + log(mode));
        }
    }

    private static long pollCreateElement(Mode mode, Started started, HttpClient client, HttpRequest create)
            throws Exception {
        while (true) {
            if (!started.process().isAlive()) {
                throw new IllegalStateException(mode.label() + " exited: " + log(mode));
            }
            if (System.nanoTime() - started.startNanos() > GIVE_UP.toNanos()) {
                throw new IllegalStateException(mode.label() + " never created an element: " + log(mode));
            }
            try {
                HttpResponse<String> response = client.send(create, HttpResponse.BodyHandlers.ofString());
                long answeredAt = System.nanoTime();
                if (response.statusCode() == 200 && response.body().contains("\"ElementId\"")) {
                    return answeredAt;
                }
                throw new IllegalStateException(mode.label() + " answered " + response.statusCode() + " "
                        + response.body());
            } catch (IOException notYetListening) {
                Thread.sleep(1);
            }
        }
    }

    /** The sample request with three reference images instead of one: VOD's most. */
    private static String fourImageRequest(String request, ImageServer images) {
        String refers = "\"ElementReferList\":[{\"ImageUrl\":\"" + images.url("/side.png?r=1") + "\"},"
                + "{\"ImageUrl\":\"" + images.url("/front.jpg?r=2") + "\"},"
                + "{\"ImageUrl\":\"" + images.url("/side.png?r=3") + "\"}]";
        String four = request.replaceAll("\"ElementReferList\"\\s*:\\s*\\[[^\\]]*\\]", refers.replace("$", "\\$"));
        if (four.equals(request)) {
            throw new IllegalStateException("no ElementReferList in the sample request");
        }
        return four;
    }

    private static void report(List<Mode> modes, Map<String, List<Sample>> samples) {
        System.out.println();
        System.out.println("medians                 start->started   ->ready ->handed  ->ElementId  cpu used   peak RSS   vs floor (time, cpu, RSS)");
        for (Mode mode : modes) {
            List<Sample> list = samples.get(mode.label());
            if (list == null) {
                continue;
            }
            long millis = median(list, Sample::millis);
            long rss = median(list, Sample::peakRssKb);
            long cpu = median(list, Sample::cpuMillis);
            StringBuilder ratio = new StringBuilder();
            for (String floorLabel : mode.isFloor() ? List.<String>of() : mode.floorLabels()) {
                List<Sample> floor = samples.get(floorLabel);
                if (floor != null) {
                    ratio.append(String.format(Locale.ROOT, "%.2fx, %.2fx, %.2fx (%s)  ",
                            (double) millis / median(floor, Sample::millis),
                            (double) cpu / Math.max(1, median(floor, Sample::cpuMillis)),
                            (double) rss / median(floor, Sample::peakRssKb), floorLabel));
                }
            }
            // a Custom Runtime mode against the same package in HTTP mode
            List<Sample> http = mode.label().endsWith("-scf")
                    ? samples.get(mode.label().substring(0, mode.label().length() - "-scf".length())) : null;
            if (http != null) {
                ratio.append(String.format(Locale.ROOT, "%.2fx (HTTP mode)", (double) millis / median(http, Sample::millis)));
            }
            System.out.printf(Locale.ROOT, "%-16s (n=%d) %9s %9s %8s %8d ms %6d ms %7.1f MB   %s%n", mode.label(),
                    list.size(), phase(list, Sample::startedMillis), phase(list, Sample::readyMillis),
                    phase(list, Sample::handedMillis), millis, cpu,
                    rss / 1024.0, ratio);
        }
    }

    private static String phase(List<Sample> list, ToLongFunction<Sample> figure) {
        long median = median(list, figure);
        return median < 0 ? "-" : median + " ms";
    }

    static long median(List<Sample> list, ToLongFunction<Sample> figure) {
        long[] values = list.stream().mapToLong(figure).sorted().toArray();
        return values[values.length / 2];
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static long vmHwm(long pid) throws IOException {
        return statusKb(Files.readString(Path.of("/proc/" + pid + "/status")), "VmHWM:");
    }

    private static long statusKb(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
            }
        }
        throw new IllegalStateException("no " + field + " in: " + status);
    }

    /** CPU time used so far by all of a process' threads (the first field of each schedstat, ns). */
    private static long cpuMillis(long pid) throws IOException {
        long nanos = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    nanos += Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split("\\s+")[0]);
                } catch (IOException threadEnded) {
                    // a thread that ended meanwhile: its time is not counted (rare, and small)
                }
            }
        }
        return nanos / 1_000_000;
    }

    /** The value of the last "name=value" a oneshot program printed. */
    private static long lastFigure(String text, String name) {
        long found = -1;
        for (String line : text.split("\n")) {
            int at = line.indexOf(name);
            if (at >= 0) {
                found = Long.parseLong(line.substring(at + name.length()).trim());
            }
        }
        if (found < 0) {
            throw new IllegalStateException("no " + name + " in: " + text);
        }
        return found;
    }

    private static Path logFile(Mode mode) {
        return mode.workdir().resolve("bench-output-" + mode.label() + ".log");
    }

    private static String log(Mode mode) {
        try {
            return Files.readString(logFile(mode), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
