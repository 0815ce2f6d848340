package dev.vodelement.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import dev.vodelement.standin.ScfRuntimeStandIn;
import dev.vodelement.standin.VodStandIn;

/**
 * The SCF code package this build made (target/function-jvm.zip, or target/function.zip with
 * -Dnative), unpacked with the file modes it carries, as SCF unpacks it, and the environment SCF's
 * Custom Runtime starts its bootstrap with.
 */
final class ScfPackage {

    private static final String LOG = "function.log";

    private static final Map<Integer, PosixFilePermission> MODE_BITS = Map.of(
            0400, PosixFilePermission.OWNER_READ, 0200, PosixFilePermission.OWNER_WRITE,
            0100, PosixFilePermission.OWNER_EXECUTE, 040, PosixFilePermission.GROUP_READ,
            020, PosixFilePermission.GROUP_WRITE, 010, PosixFilePermission.GROUP_EXECUTE,
            04, PosixFilePermission.OTHERS_READ, 02, PosixFilePermission.OTHERS_WRITE,
            01, PosixFilePermission.OTHERS_EXECUTE);

    private ScfPackage() {
    }

    /** Whether this build is the native one ({@code function.kind} comes from the build's profile). */
    static boolean nativeBuild() {
        return "native".equals(System.getProperty("function.kind", "jvm"));
    }

    static Path zip() {
        Path zip = Path.of(System.getProperty("function.package", "target/function-jvm.zip"));
        assertTrue(Files.isRegularFile(zip), "no SCF package at " + zip + ": run ./mvnw verify");
        return zip;
    }

    /** Unpacks the package under test into {@code directory} with the Unix modes the zip records. */
    static void unpack(Path directory) throws IOException {
        try (ZipFile file = ZipFile.builder().setPath(zip()).get()) {
            for (ZipArchiveEntry entry : Collections.list(file.getEntries())) {
                Path target = directory.resolve(entry.getName()).normalize();
                assertTrue(target.startsWith(directory), entry.getName());
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

    /**
     * The unpacked package's bootstrap with SCF's Custom Runtime variables, VOD at the stand-in and
     * the function's output in {@code function.log} beside it.
     */
    static ProcessBuilder bootstrap(Path unpacked, ScfRuntimeStandIn runtime, VodStandIn vod) {
        return customRuntime(new ProcessBuilder("./bootstrap"), unpacked, runtime, vod);
    }

    /** What the function started by {@link #customRuntime} printed so far, for a failure's message. */
    static String log(Path unpacked) {
        try {
            return Files.readString(unpacked.resolve(LOG));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** The same environment for another command run in the unpacked package (one that ends in its bootstrap). */
    static ProcessBuilder customRuntime(ProcessBuilder builder, Path unpacked, ScfRuntimeStandIn runtime, VodStandIn vod) {
        builder.directory(unpacked.toFile()).redirectErrorStream(true)
                .redirectOutput(unpacked.resolve(LOG).toFile());
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
        return builder;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        MODE_BITS.forEach((bit, permission) -> {
            if ((mode & bit) != 0) {
                set.add(permission);
            }
        });
        return set;
    }
}
