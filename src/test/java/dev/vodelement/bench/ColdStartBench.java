package dev.vodelement.bench;

import java.io.IOException;
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

import dev.vodelement.standin.ImageServer;
import dev.vodelement.standin.ScfRuntimeStandIn;
import dev.vodelement.standin.VodStandIn;

/**
 * Cold start, measured: starts the VOD stand-in (TC3-verifying) and an image host on loopback, then
 * for every run and mode starts the given command from nothing and times the first successful
 * {@code createElement}, reading the process' peak RSS (VmHWM) from /proc. Modes run round-robin so
 * that drift of the machine spreads over all of them. Driven by {@code bench/cold-start.sh}.
 *
 * <pre>
 * ColdStartBench --runs N --request samples/create-element.json
 *                --mode 'label|server|workdir|command ...'   (a function polled over HTTP)
 *                --mode 'label|runtime|workdir|command ...'  (a function in SCF Custom Runtime mode)
 *                --mode 'label|oneshot|workdir|command ...'  (the floor)
 * </pre>
 */
public final class ColdStartBench {

    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    /** How a mode's first element is asked for and recognised. */
    enum Kind {
        /** An HTTP server: POST /createElement until it answers 200 with an ElementId. */
        SERVER,
        /** SCF's Custom Runtime: the event handed out by a runtime API stand-in until reported done. */
        RUNTIME,
        /** A program that exits 0 once it has its ElementId, printing "VmHWM_kB=..." last. */
        ONESHOT
    }

    record Mode(String label, Kind kind, Path workdir, List<String> command) {
        static Mode parse(String spec) {
            String[] parts = spec.split("\\|", 4);
            return new Mode(parts[0], Kind.valueOf(parts[1].toUpperCase(Locale.ROOT)), Path.of(parts[2]),
                    List.of(parts[3].trim().split("\\s+")));
        }
    }

    record Sample(long millis, long peakRssKb) {
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        Path requestFile = Path.of("samples/create-element.json");
        List<Mode> modes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--request" -> requestFile = Path.of(args[++i]);
                case "--mode" -> modes.add(Mode.parse(args[++i]));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        try (VodStandIn vod = VodStandIn.start(); ImageServer images = ColdStartImages.serveSamples(ImageServer.start())) {
            String request = Files.readString(requestFile)
                    .replace("http://localhost:8080/dev/images/", images.url("/"));
            Path requestCopy = Files.createTempFile("cold-start-request", ".json");
            Files.writeString(requestCopy, request);
            Map<String, List<Sample>> samples = new LinkedHashMap<>();
            modes.forEach(m -> samples.put(m.label(), new ArrayList<>()));
            for (int run = 1; run <= runs; run++) {
                for (Mode mode : modes) {
                    Sample sample = measure(mode, vod, request, requestCopy);
                    samples.get(mode.label()).add(sample);
                    System.out.printf(Locale.ROOT, "run %d %-20s %6d ms  %6.1f MB peak RSS%n", run, mode.label(),
                            sample.millis(), sample.peakRssKb() / 1024.0);
                }
            }
            report(samples);
            System.out.printf("VOD stand-in created %d elements, all with valid TC3 signatures%n", vod.createdCount());
            if (vod.calls().stream().anyMatch(c -> !c.signatureValid())) {
                throw new IllegalStateException("a call reached the VOD stand-in with a bad signature");
            }
        }
    }

    private static Sample measure(Mode mode, VodStandIn vod, String request, Path requestFile) throws Exception {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(mode.command()).directory(mode.workdir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(mode.workdir().resolve("bench-output.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("VOD_ENDPOINT", vod.url());
        env.put("VOD_SECRET_ID", VodStandIn.SECRET_ID);
        env.put("VOD_SECRET_KEY", VodStandIn.SECRET_KEY);
        env.put("VOD_IMAGE_CHECK_ALLOW_PRIVATE_NETWORKS", "true");
        env.put("BENCH_REQUEST_FILE", requestFile.toString());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest create = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/createElement"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request)).timeout(Duration.ofSeconds(20)).build();

        ScfRuntimeStandIn runtime = null;
        CompletableFuture<ScfRuntimeStandIn.Report> report = null;
        if (mode.kind() == Kind.RUNTIME) {
            runtime = ScfRuntimeStandIn.start();
            env.put("SCF_RUNTIME_API", runtime.host());
            env.put("SCF_RUNTIME_API_PORT", Integer.toString(runtime.port()));
            report = runtime.deliver(request);
        }

        long start = System.nanoTime();
        Process process = builder.start();
        try {
            switch (mode.kind()) {
                case ONESHOT -> {
                    if (!process.waitFor(GIVE_UP.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                        throw new IllegalStateException(mode.label() + " failed: " + log(mode));
                    }
                    return new Sample((System.nanoTime() - start) / 1_000_000, lastVmHwm(log(mode)));
                }
                case RUNTIME -> {
                    ScfRuntimeStandIn.Report done;
                    try {
                        done = report.get(GIVE_UP.toSeconds(), TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        throw new IllegalStateException(mode.label() + " never reported the event: " + log(mode));
                    }
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    if (!done.success() || !done.body().contains("\"ElementId\"")) {
                        throw new IllegalStateException(mode.label() + " reported " + done);
                    }
                    return new Sample(millis, vmHwm(process.pid()));
                }
                default -> {
                    return pollCreateElement(mode, process, client, create, start);
                }
            }
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            if (runtime != null) {
                runtime.close();
            }
        }
    }

    private static Sample pollCreateElement(Mode mode, Process process, HttpClient client, HttpRequest create,
            long start) throws Exception {
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(mode.label() + " exited: " + log(mode));
            }
            if (System.nanoTime() - start > GIVE_UP.toNanos()) {
                throw new IllegalStateException(mode.label() + " never created an element: " + log(mode));
            }
            try {
                HttpResponse<String> response = client.send(create, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"ElementId\"")) {
                    return new Sample((System.nanoTime() - start) / 1_000_000, vmHwm(process.pid()));
                }
                throw new IllegalStateException(mode.label() + " answered " + response.statusCode() + " "
                        + response.body());
            } catch (IOException notYetListening) {
                Thread.sleep(2);
            }
        }
    }

    private static void report(Map<String, List<Sample>> samples) {
        Sample floor = samples.containsKey("floor") ? median(samples.get("floor")) : null;
        System.out.println();
        System.out.println("mode                  time to first element (median)   peak RSS (median)   vs floor (time, RSS)");
        samples.forEach((label, list) -> {
            Sample m = median(list);
            String ratio = floor == null ? "" : String.format(Locale.ROOT, "%.2fx, %.2fx",
                    (double) m.millis() / floor.millis(), (double) m.peakRssKb() / floor.peakRssKb());
            System.out.printf(Locale.ROOT, "%-21s %8d ms (n=%d)                  %7.1f MB          %s%n", label,
                    m.millis(), list.size(), m.peakRssKb() / 1024.0, ratio);
        });
    }

    /** The median of each figure separately. */
    static Sample median(List<Sample> list) {
        long[] times = list.stream().mapToLong(Sample::millis).sorted().toArray();
        long[] rss = list.stream().mapToLong(Sample::peakRssKb).sorted().toArray();
        return new Sample(times[times.length / 2], rss[rss.length / 2]);
    }

    private static long vmHwm(long pid) throws IOException {
        return lastVmHwm(Files.readString(Path.of("/proc/" + pid + "/status")).replace("VmHWM:", "VmHWM_kB="));
    }

    private static long lastVmHwm(String text) {
        long found = -1;
        for (String line : text.split("\n")) {
            int at = line.indexOf("VmHWM_kB=");
            if (at >= 0) {
                found = Long.parseLong(line.substring(at + 9).replace("kB", "").trim());
            }
        }
        if (found < 0) {
            throw new IllegalStateException("no VmHWM in: " + text);
        }
        return found;
    }

    private static String log(Mode mode) {
        try {
            return Files.readString(mode.workdir().resolve("bench-output.log"), StandardCharsets.UTF_8);
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
