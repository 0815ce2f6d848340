package dev.vodelement.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.standin.CosEvents;
import dev.vodelement.standin.CosStandIn;
import dev.vodelement.standin.ImageServer;
import dev.vodelement.standin.ScfRuntimeStandIn;
import dev.vodelement.standin.VodStandIn;

/**
 * The SCF code package this build made (target/function-jvm.zip, or target/function.zip with
 * -Dnative), unpacked with the file modes it carries and started through its own bootstrap with
 * SCF's Custom Runtime variables, the way SCF starts it: it must announce itself ready, take the
 * events handed out, and report each outcome. With -Dnative the process is the native executable
 * (checked, not assumed: {@code function.kind} comes from the build's profile).
 */
class CustomRuntimePackageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_EVENT = Duration.ofSeconds(60);
    private static final Duration NEXT_EVENT = Duration.ofSeconds(30);

    @TempDir
    Path unpacked;

    private final PackageStandIns standIns = PackageStandIns.start();
    private final ScfRuntimeStandIn runtime = standIns.runtime();
    private final VodStandIn vod = standIns.vod();
    private final ImageServer images = standIns.images();
    private final CosStandIn cos = standIns.cos();
    private Process function;

    @AfterEach
    void stop() throws InterruptedException {
        standIns.close(function);
    }

    @Test
    void thePackageHoldsWhatThisBuildMade() throws IOException {
        ScfPackage.unpack(unpacked);
        if (ScfPackage.nativeBuild()) {
            Path application = unpacked.resolve("application");
            assertTrue(Files.isRegularFile(application), "function.zip holds no native executable `application`");
            byte[] head = new byte[4];
            try (InputStream in = Files.newInputStream(application)) {
                assertEquals(4, in.readNBytes(head, 0, 4));
            }
            assertTrue(head[0] == 0x7F && head[1] == 'E' && head[2] == 'L' && head[3] == 'F',
                    "`application` is not an ELF executable");
            assertTrue(Files.notExists(unpacked.resolve("quarkus-app")), "a native package carries no JVM application");
        } else {
            assertTrue(Files.isRegularFile(unpacked.resolve("quarkus-app/quarkus-run.jar")), "no quarkus-app/quarkus-run.jar");
            assertTrue(Files.notExists(unpacked.resolve("application")));
        }
    }

    @Test
    void bootstrapIsExecutableAtThePackageRoot() throws IOException {
        ScfPackage.unpack(unpacked);
        Set<PosixFilePermission> modes = Files.getPosixFilePermissions(unpacked.resolve("bootstrap"));
        assertTrue(modes.contains(PosixFilePermission.OWNER_EXECUTE) && modes.contains(PosixFilePermission.OTHERS_EXECUTE),
                "bootstrap must be executable by anyone, found " + modes);
        if (Files.exists(unpacked.resolve("application"))) {
            assertTrue(Files.isExecutable(unpacked.resolve("application")), "the native executable must be executable");
        }
    }

    @Test
    void servesScfCustomRuntimeApiCreatingTheElementOfADirectInvocation() throws Exception {
        ScfPackage.unpack(unpacked);
        var created = runtime.deliver(sampleRequest());
        var refused = runtime.deliver("{\"ElementName\": \"\"}");

        start(Map.of());
        ScfRuntimeStandIn.Report first = await(created, FIRST_EVENT);
        ScfRuntimeStandIn.Report second = await(refused, NEXT_EVENT);

        assertRunsTheBuildsExecutable();
        assertEquals(1, runtime.readyCount(), "POST /runtime/init/ready exactly once");
        assertTrue(first.success(), first::toString);
        JsonNode answer = JSON.readTree(first.body());
        assertTrue(answer.path("ElementId").asText().matches("\\d+"), first::toString);
        assertEquals(1, vod.createdCount());
        assertTrue(vod.calls().stream().allMatch(VodStandIn.Call::signatureValid));
        assertTrue(second.body().contains("InvalidParameterValue.ElementName")
                || second.body().contains("MissingParameter"), second::toString);
        assertEquals(java.util.List.of(), runtime.protocolErrors());
    }

    @Test
    void anUploadEventThroughTheLoopLeavesTheResultObjectAndADuplicateCreatesNothing() throws Exception {
        ScfPackage.unpack(unpacked);
        CosEvents.putCat(cos);
        String upload = CosEvents.upload(cos, CosEvents.CAT_MANIFEST);
        var first = runtime.deliver(upload);
        var again = runtime.deliver(upload);

        // the stand-in bucket speaks plain http on loopback
        start(Map.of("VOD_COS_ALLOWED_HOST_SUFFIXES", cos.host(), "VOD_COS_FORCE_HTTPS", "false"));
        ScfRuntimeStandIn.Report created = await(first, FIRST_EVENT);
        ScfRuntimeStandIn.Report duplicate = await(again, NEXT_EVENT);

        assertRunsTheBuildsExecutable();
        assertTrue(created.success(), created::toString);
        JsonNode result = JSON.readTree(created.body()).path("Results").get(0);
        assertEquals("created", result.path("Status").asText(), created::toString);
        String elementId = result.path("ElementId").asText();
        JsonNode recorded = JSON.readTree(cos.objectText("elements/cat.element.result.json")
                .orElseThrow(() -> new AssertionError("no result object in " + cos.keys())));
        assertEquals(elementId, recorded.path("ElementId").asText());

        assertTrue(duplicate.success(), duplicate::toString);
        JsonNode existing = JSON.readTree(duplicate.body()).path("Results").get(0);
        assertEquals("existing", existing.path("Status").asText(), duplicate::toString);
        assertEquals(elementId, existing.path("ElementId").asText());
        assertEquals(1, vod.createdCount(), "the duplicate delivery did not call VOD");
        assertEquals(List.of(), runtime.protocolErrors());
    }

    @Test
    void withJsonLogsEveryOutputLineIsAJsonObjectAndTheInvocationIsLogged() throws Exception {
        ScfPackage.unpack(unpacked);
        var created = runtime.deliver(sampleRequest());

        start(Map.of("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true"));
        ScfRuntimeStandIn.Report report = await(created, FIRST_EVENT);
        assertTrue(report.success(), report::toString);
        stopFunction();

        List<String> lines = Files.readAllLines(unpacked.resolve("function.log"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).toList();
        assertTrue(lines.size() >= 2, "start-up and invocation lines expected, found " + lines);
        boolean invocationLogged = false;
        for (String line : lines) {
            JsonNode record;
            try {
                record = JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
            assertTrue(record != null && record.isObject(), "not a JSON object: " + line);
            assertTrue(record.hasNonNull("message") && record.hasNonNull("level") && record.hasNonNull("timestamp"),
                    "a log record without message, level or timestamp: " + line);
            // an event through the loop is logged as the event-invoke function's invocation, with what
            // createElement logs (the element, VOD's RequestId) and SCF's request id
            JsonNode answer = JSON.readTree(report.body());
            invocationLogged |= "dev.vodelement.invocation".equals(record.path("loggerName").asText())
                    && record.path("message").asText().startsWith("event-invoke outcome=created status=200 ")
                    && record.path("message").asText().contains(" elementId=" + answer.path("ElementId").asText()
                            + " requestId=" + answer.path("RequestId").asText() + " attempts=1 ")
                    && record.path("message").asText().contains(" platformRequestId=" + report.requestId() + " ");
        }
        assertTrue(invocationLogged, "no invocation line (logger dev.vodelement.invocation, event-invoke"
                + " outcome=created with the ElementId, VOD's RequestId and SCF's request id) in " + lines);
        assertTrue(lines.stream().noneMatch(line -> line.contains(VodStandIn.SECRET_KEY)), "the secret key was logged");
    }

    private void start(Map<String, String> extraEnvironment) throws IOException {
        ProcessBuilder builder = ScfPackage.bootstrap(unpacked, runtime, vod);
        builder.environment().putAll(extraEnvironment);
        function = builder.start();
    }

    private static ScfRuntimeStandIn.Report await(java.util.concurrent.CompletableFuture<ScfRuntimeStandIn.Report> report,
            Duration atMost) throws Exception {
        // an upper bound only, generous for a busy machine; the report usually comes within a second
        return report.get(atMost.toSeconds(), TimeUnit.SECONDS);
    }

    /** The bootstrap has exec'd by the time an event was reported: the process is the build's executable. */
    private void assertRunsTheBuildsExecutable() {
        String command = function.info().command().orElse("");
        if (ScfPackage.nativeBuild()) {
            assertTrue(command.endsWith("/application"), "expected the native executable to run, found " + command);
        } else {
            assertTrue(command.endsWith("/java"), "expected a JVM to run, found " + command);
        }
    }

    /** Ends the function as SCF does (SIGTERM), so that it flushes and logs its shutdown. */
    private void stopFunction() throws InterruptedException {
        function.destroy();
        if (!function.waitFor(30, TimeUnit.SECONDS)) {
            function.destroyForcibly().waitFor();
        }
    }

    private String sampleRequest() throws IOException {
        return Files.readString(Path.of("samples/create-element.json"))
                .replace("http://localhost:8080/dev/images/", images.url("/"));
    }
}
