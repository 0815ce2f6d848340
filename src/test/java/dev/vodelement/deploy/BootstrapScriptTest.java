package dev.vodelement.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two SCF bootstrap files, run for real by /bin/sh from a package laid out as the assemblies lay
 * it out, with the program they start replaced by a script that reports how it was started.
 */
class BootstrapScriptTest {

    private static final String REPORTER = """
            #!/bin/sh
            {
              echo "cwd=$(pwd)"
              echo "port=$QUARKUS_HTTP_PORT"
              echo "args=$*"
            } > "$REPORT"
            """;

    @TempDir
    Path dir;

    @Test
    void jvmAndNativePackagesEachDescribeAnExecutableBootstrap() throws Exception {
        PackageDescriptor jvm = PackageDescriptor.ofExecution("function-jvm");
        assertEquals("function-jvm.zip", jvm.fileName());
        assertTrue(jvm.hasExecutableAtRoot("bootstrap"));
        assertTrue(PackageDescriptor.ofExecution("function-native").hasExecutableAtRoot("bootstrap"));
    }

    @Test
    void nativeBootstrapStartsTheExecutableOnPort9000WithAHeapCeiling() throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("package"));
        install(Path.of("src/main/package/native/bootstrap"), pkg.resolve("bootstrap"));
        write(pkg.resolve("application"), REPORTER);

        Map<String, String> report = run(pkg.resolve("bootstrap"), Map.of());

        assertEquals(pkg.toRealPath().toString(), report.get("cwd"));
        assertEquals("9000", report.get("port"));
        assertTrue(report.get("args").matches("-Xmx\\d+m -Xmn\\d+m"), report.get("args"));
    }

    @Test
    void portAndHeapCanBeOverriddenFromTheFunctionsEnvironment() throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("package"));
        install(Path.of("src/main/package/native/bootstrap"), pkg.resolve("bootstrap"));
        write(pkg.resolve("application"), REPORTER);

        Map<String, String> report = run(pkg.resolve("bootstrap"),
                Map.of("QUARKUS_HTTP_PORT", "8081", "FUNCTION_MAX_HEAP", "48m", "FUNCTION_YOUNG_GEN", "4m"));

        assertEquals("8081", report.get("port"));
        assertEquals("-Xmx48m -Xmn4m", report.get("args"));
    }

    @Test
    void jvmBootstrapRunsTheQuarkusJarWithTheJavaOfJavaHome() throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("package"));
        install(Path.of("src/main/package/jvm/bootstrap"), pkg.resolve("bootstrap"));
        Files.createDirectories(pkg.resolve("quarkus-app"));
        Path jdk = Files.createDirectories(dir.resolve("jdk/bin"));
        write(jdk.resolve("java"), REPORTER);

        Map<String, String> report = run(pkg.resolve("bootstrap"), Map.of("JAVA_HOME", jdk.getParent().toString()));

        assertEquals(pkg.resolve("quarkus-app").toRealPath().toString(), report.get("cwd"));
        assertEquals("9000", report.get("port"));
        assertTrue(report.get("args").endsWith("-jar quarkus-run.jar"), report.get("args"));
        assertTrue(!report.get("args").contains("AOTCache"), "no AOT cache option without an app.aot");
    }

    @Test
    void jvmBootstrapUsesTheAotCacheWhenTheBuildMadeOne() throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("package"));
        install(Path.of("src/main/package/jvm/bootstrap"), pkg.resolve("bootstrap"));
        Files.createDirectories(pkg.resolve("quarkus-app"));
        Files.writeString(pkg.resolve("quarkus-app/app.aot"), "");
        Path jdk = Files.createDirectories(dir.resolve("jdk/bin"));
        write(jdk.resolve("java"), REPORTER);

        Map<String, String> report = run(pkg.resolve("bootstrap"), Map.of("JAVA_HOME", jdk.getParent().toString()));

        assertTrue(report.get("args").contains("-XX:AOTCache=app.aot"), report.get("args"));
    }

    private Map<String, String> run(Path bootstrap, Map<String, String> env) throws IOException, InterruptedException {
        Path reportFile = dir.resolve("report.txt");
        ProcessBuilder builder = new ProcessBuilder(bootstrap.toString()).redirectErrorStream(true);
        builder.environment().remove("QUARKUS_HTTP_PORT");
        builder.environment().remove("FUNCTION_MAX_HEAP");
        builder.environment().remove("FUNCTION_YOUNG_GEN");
        builder.environment().remove("JAVA_OPTS");
        builder.environment().put("REPORT", reportFile.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        Map<String, String> report = new java.util.HashMap<>();
        for (String line : Files.readAllLines(reportFile)) {
            int eq = line.indexOf('=');
            report.put(line.substring(0, eq), line.substring(eq + 1).trim());
        }
        return report;
    }

    private static void install(Path source, Path target) throws IOException {
        write(target, Files.readString(source));
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

}
