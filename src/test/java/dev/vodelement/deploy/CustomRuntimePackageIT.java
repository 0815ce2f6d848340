package dev.vodelement.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.bench.ColdStartImages;
import dev.vodelement.standin.ImageServer;
import dev.vodelement.standin.ScfRuntimeStandIn;
import dev.vodelement.standin.VodStandIn;

/**
 * The SCF code package this build made (target/function-jvm.zip, or target/function.zip with
 * -Dnative), unpacked with the file modes it carries and started through its own bootstrap with
 * SCF's Custom Runtime variables, the way SCF starts it: it must announce itself ready, take the
 * events handed out, and report each outcome.
 */
class CustomRuntimePackageIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path unpacked;

    private ScfRuntimeStandIn runtime;
    private VodStandIn vod;
    private ImageServer images;
    private Process function;

    @BeforeEach
    void startStandIns() {
        runtime = ScfRuntimeStandIn.start();
        vod = VodStandIn.start();
        images = ColdStartImages.serveSamples(ImageServer.start());
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (function != null) {
            function.destroy();
            if (!function.waitFor(10, TimeUnit.SECONDS)) {
                function.destroyForcibly().waitFor();
            }
        }
        runtime.close();
        vod.close();
        images.close();
    }

    @Test
    void bootstrapIsExecutableAtThePackageRoot() throws IOException {
        unpack(packageUnderTest());
        Set<PosixFilePermission> modes = Files.getPosixFilePermissions(unpacked.resolve("bootstrap"));
        assertTrue(modes.contains(PosixFilePermission.OWNER_EXECUTE) && modes.contains(PosixFilePermission.OTHERS_EXECUTE),
                "bootstrap must be executable by anyone, found " + modes);
        if (Files.exists(unpacked.resolve("application"))) {
            assertTrue(Files.isExecutable(unpacked.resolve("application")), "the native executable must be executable");
        }
    }

    @Test
    void servesScfCustomRuntimeApiCreatingTheElementOfADirectInvocation() throws Exception {
        unpack(packageUnderTest());
        var created = runtime.deliver(sampleRequest());
        var refused = runtime.deliver("{\"ElementName\": \"\"}");

        start();
        ScfRuntimeStandIn.Report first = created.get(60, TimeUnit.SECONDS);
        ScfRuntimeStandIn.Report second = refused.get(20, TimeUnit.SECONDS);

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

    private void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder("./bootstrap").directory(unpacked.toFile()).redirectErrorStream(true)
                .redirectOutput(unpacked.resolve("function.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SCF_RUNTIME_API", runtime.host());
        env.put("SCF_RUNTIME_API_PORT", Integer.toString(runtime.port()));
        // a free port: the HTTP endpoints stay up in Custom Runtime mode, and 9000 may be taken here
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("VOD_ENDPOINT", vod.url());
        env.put("VOD_SECRET_ID", VodStandIn.SECRET_ID);
        env.put("VOD_SECRET_KEY", VodStandIn.SECRET_KEY);
        env.put("VOD_IMAGE_CHECK_ALLOW_PRIVATE_NETWORKS", "true");
        function = builder.start();
    }

    private String sampleRequest() throws IOException {
        return Files.readString(Path.of("samples/create-element.json"))
                .replace("http://localhost:8080/dev/images/", images.url("/"));
    }

    private static Path packageUnderTest() {
        Path zip = Path.of(System.getProperty("function.package", "target/function-jvm.zip"));
        assertTrue(Files.isRegularFile(zip), "no SCF package at " + zip + ": run ./mvnw verify");
        return zip;
    }

    /** Unpacks with the Unix modes the zip records, as SCF's unpacking must keep them. */
    private void unpack(Path zip) throws IOException {
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry entry : java.util.Collections.list(file.getEntries())) {
                Path target = unpacked.resolve(entry.getName()).normalize();
                assertTrue(target.startsWith(unpacked), entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target);
                }
                Files.setPosixFilePermissions(target, permissions(entry.getUnixMode()));
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Map<Integer, PosixFilePermission> bits = new HashMap<>();
        bits.put(0400, PosixFilePermission.OWNER_READ);
        bits.put(0200, PosixFilePermission.OWNER_WRITE);
        bits.put(0100, PosixFilePermission.OWNER_EXECUTE);
        bits.put(040, PosixFilePermission.GROUP_READ);
        bits.put(020, PosixFilePermission.GROUP_WRITE);
        bits.put(010, PosixFilePermission.GROUP_EXECUTE);
        bits.put(04, PosixFilePermission.OTHERS_READ);
        bits.put(02, PosixFilePermission.OTHERS_WRITE);
        bits.put(01, PosixFilePermission.OTHERS_EXECUTE);
        Set<PosixFilePermission> set = java.util.EnumSet.noneOf(PosixFilePermission.class);
        bits.forEach((bit, permission) -> {
            if ((mode & bit) != 0) {
                set.add(permission);
            }
        });
        return set;
    }
}
