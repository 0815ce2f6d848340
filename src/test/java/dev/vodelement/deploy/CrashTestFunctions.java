package dev.vodelement.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vodelement.standin.CosStandIn;
import dev.vodelement.standin.VodStandIn;

/**
 * The packaged function (the jar, or the native executable with -Dnative) started as processes of
 * its own, for the crash tests (UploadCrashIT, IdempotencyCrashIT): each is stopped at a step by the
 * test-only {@code vod.crash-test.pause-at}, which prints a marker and blocks there, and only then
 * killed with SIGKILL, so nothing races.
 *
 * <p>The function's timeout is set to 16 s (lock grace 1 s) so that a dead process's lock expires
 * 17 s after it was taken: the invocation deadline (vod.invocation.*) still leaves 15 s of work, for
 * the COS reads and images (a fresh JVM on a busy machine took 3 s for them) and one VOD call of at
 * most 4 s (connect 1 s + read 3 s), which is all a call may take for VodClient to start it.
 */
final class CrashTestFunctions implements AutoCloseable {

    static final Duration START = Duration.ofSeconds(120);
    static final Duration ANSWER = Duration.ofSeconds(120);
    private static final Pattern LISTENING = Pattern.compile("Listening on: https?://[^ ]*:(\\d+)");

    private final Map<String, String> environment = new HashMap<>();
    private final List<Function> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    CrashTestFunctions(VodStandIn vod, CosStandIn cos) {
        environment.put("QUARKUS_HTTP_PORT", "0");
        environment.put("VOD_ENDPOINT", vod.url());
        environment.put("VOD_SECRET_ID", VodStandIn.SECRET_ID);
        environment.put("VOD_SECRET_KEY", VodStandIn.SECRET_KEY);
        environment.put("VOD_SESSION_TOKEN", "");
        environment.put("VOD_MIN_CALL_INTERVAL", "0");
        environment.put("VOD_IMAGE_CHECK_ALLOW_PRIVATE_NETWORKS", "true");
        environment.put("VOD_COS_FORCE_HTTPS", "false");
        environment.put("VOD_COS_ALLOWED_HOST_SUFFIXES", cos.host());
        environment.put("VOD_INVOCATION_TIMEOUT", "16s");
        environment.put("VOD_INVOCATION_RECORD_RESERVE", "1s");
        environment.put("VOD_COS_LOCK_GRACE", "1s");
        environment.put("VOD_COS_LOCK_WAIT", "2s");
        environment.put("QUARKUS_REST_CLIENT_VOD_CONNECT_TIMEOUT", "1000");
        environment.put("QUARKUS_REST_CLIENT_VOD_READ_TIMEOUT", "3000");
    }

    /** Adds to the environment of every function started from now on. */
    CrashTestFunctions with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    /** A fresh function, listening. */
    Function start(Map<String, String> extra) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().putAll(extra);
        Function function = new Function(builder.start());
        started.add(function);
        String listening = function.awaitLine(line -> LISTENING.matcher(line).find(), START);
        Matcher port = LISTENING.matcher(listening);
        assertTrue(port.find());
        function.port = Integer.parseInt(port.group(1));
        return function;
    }

    /**
     * Starts a function that stops at {@code step}, sends it the request {@code request} makes for
     * it, and kills it there; the request never gets an answer.
     */
    Function killAt(String step, Map<String, String> extra, java.util.function.Function<Function, HttpRequest> request)
            throws Exception {
        Map<String, String> env = new HashMap<>(extra);
        env.put("VOD_CRASH_TEST_PAUSE_AT", step);
        Function function = start(env);
        CompletableFuture<HttpResponse<String>> never = send(request.apply(function));
        function.awaitLine(line -> line.contains("CRASH-TEST paused at " + step), ANSWER);
        function.process.destroyForcibly();
        assertTrue(function.process.waitFor(30, TimeUnit.SECONDS), "the function did not die");
        assertTrue(never.handle((response, failure) -> failure != null).get(30, TimeUnit.SECONDS),
                "the killed function answered");
        return function;
    }

    CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        for (Function function : started) {
            function.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        started.clear();
    }

    private static List<String> command() {
        if ("native".equals(System.getProperty("function.kind", "jvm"))) {
            return List.of(Path.of(System.getProperty("native.image.path")).toAbsolutePath().toString());
        }
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), "package first: no " + jar);
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
    }

    /** One started function process and every line it printed. */
    static final class Function {

        final Process process;
        final List<String> output = new CopyOnWriteArrayList<>();
        volatile int port;

        Function(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        output.add(line);
                        synchronized (output) {
                            output.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process died: its output ends here
                }
            }, "function-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** A URI on this function. */
        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        /** The first line matching, waiting for it at most {@code atMost} (an upper bound for a busy machine). */
        String awaitLine(Predicate<String> matching, Duration atMost) throws InterruptedException {
            Instant giveUp = Instant.now().plus(atMost);
            synchronized (output) {
                while (true) {
                    Optional<String> found = output.stream().filter(matching).findFirst();
                    if (found.isPresent()) {
                        return found.get();
                    }
                    assertTrue(Instant.now().isBefore(giveUp), "not seen within " + atMost + ": " + output);
                    output.wait(1000);
                }
            }
        }
    }
}
