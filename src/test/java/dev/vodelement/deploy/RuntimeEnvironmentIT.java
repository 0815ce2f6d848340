package dev.vodelement.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.standin.CosEvents;
import dev.vodelement.standin.CosStandIn;
import dev.vodelement.standin.ImageServer;
import dev.vodelement.standin.ScfRuntimeStandIn;

/**
 * What the packaged function takes from its environment rather than from its code, where the static
 * musl executable could differ from a JVM: the time zone (the instant recorded next to a manifest
 * is UTC whatever {@code TZ} says) and memory (the heap ceiling serverless.yml deploys, under a run
 * of four-image events, within the function's memory size).
 */
class RuntimeEnvironmentIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EVENT = Duration.ofSeconds(60);
    private static final int EVENTS = 100;

    @TempDir
    Path unpacked;

    private final PackageStandIns standIns = PackageStandIns.start();
    private Process function;

    @AfterEach
    void stop() throws InterruptedException {
        standIns.close(function);
    }

    @Test
    void theRecordedInstantIsUtcWhateverTheTimeZone() throws Exception {
        CosStandIn cos = standIns.cos();
        CosEvents.putCat(cos);
        CompletableFuture<ScfRuntimeStandIn.Report> report = standIns.runtime().deliver(CosEvents.upload(cos,
                CosEvents.CAT_MANIFEST));
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        start(Map.of("TZ", "Asia/Shanghai", "VOD_COS_ALLOWED_HOST_SUFFIXES", cos.host(),
                "VOD_COS_FORCE_HTTPS", "false"));
        ScfRuntimeStandIn.Report done = report.get(EVENT.toSeconds(), TimeUnit.SECONDS);
        Instant after = Instant.now();

        assertTrue(done.success(), done::toString);
        String createdAt = JSON.readTree(cos.objectText("elements/cat.element.result.json").orElseThrow())
                .path("CreatedAt").asText();
        assertTrue(createdAt.endsWith("Z"), "CreatedAt must be UTC (ISO-8601 with Z), found " + createdAt);
        Instant recorded = Instant.parse(createdAt);
        assertFalse(recorded.isBefore(before) || recorded.isAfter(after),
                "CreatedAt " + createdAt + " is not the moment of the upload (" + before + " .. " + after + ")");
    }

    @Test
    void aRunOfFourImageEventsFitsTheDeployedHeapAndMemorySize() throws Exception {
        Map<?, ?> scf = deployedFunction();
        Map<?, ?> variables = (Map<?, ?>) ((Map<?, ?>) scf.get("environment")).get("variables");
        String heap = String.valueOf(variables.get("FUNCTION_MAX_HEAP"));
        int memoryMb = ((Number) scf.get("memorySize")).intValue();
        String request = fourImageRequest();
        List<CompletableFuture<ScfRuntimeStandIn.Report>> reports = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            reports.add(standIns.runtime().deliver(request));
        }

        // VOD's pacing would only stretch the run; the memory is what is looked at
        // serverless.yml deploys the native package; the JVM one keeps its bootstrap's heap
        start(ScfPackage.nativeBuild() ? Map.of("FUNCTION_MAX_HEAP", heap, "VOD_MIN_CALL_INTERVAL", "0s")
                : Map.of("VOD_MIN_CALL_INTERVAL", "0s"));
        for (int i = 0; i < reports.size(); i++) {
            ScfRuntimeStandIn.Report done = reports.get(i).get(EVENT.toSeconds(), TimeUnit.SECONDS);
            int event = i;
            assertTrue(done.success() && done.body().contains("\"ElementId\""), () -> "event " + event + ": " + done
                    + "\n" + ScfPackage.log(unpacked));
        }

        assertEquals(EVENTS, standIns.vod().createdCount());
        if (ScfPackage.nativeBuild()) {
            long peakKb = statusKb("VmHWM:");
            assertTrue(peakKb < memoryMb * 1024L, "peak RSS " + peakKb / 1024 + " MB after " + EVENTS
                    + " four-image events with a " + heap + " heap: over the function's " + memoryMb + " MB");
        }
    }

    private void start(Map<String, String> extraEnvironment) throws IOException {
        ScfPackage.unpack(unpacked);
        ProcessBuilder builder = ScfPackage.bootstrap(unpacked, standIns.runtime(), standIns.vod());
        builder.environment().putAll(extraEnvironment);
        function = builder.start();
    }

    private long statusKb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + function.pid() + "/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
            }
        }
        throw new IllegalStateException("no " + field + " for the function's process");
    }

    /** serverless.yml's function (its inputs), as deployed. */
    private static Map<?, ?> deployedFunction() throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of("serverless.yml"))) {
            Map<?, ?> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return (Map<?, ?>) root.get("inputs");
        }
    }

    /** The sample request with VOD's most images: a frontal image and three references. */
    private String fourImageRequest() throws IOException {
        JsonNode sample = JSON.readTree(Path.of("samples/create-element.json").toFile());
        var request = JSON.createObjectNode();
        request.put("ElementName", sample.path("ElementName").asText());
        request.put("ElementDescription", sample.path("ElementDescription").asText());
        ImageServer images = standIns.images();
        request.put("ElementFrontalImage", images.url("/front.jpg"));
        var refers = request.putArray("ElementReferList");
        refers.addObject().put("ImageUrl", images.url("/side.png?r=1"));
        refers.addObject().put("ImageUrl", images.url("/front.jpg?r=2"));
        refers.addObject().put("ImageUrl", images.url("/side.png?r=3"));
        return request.toString();
    }
}
