package dev.vodelement.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs {@link ImageProbeBenchmark} through surefire, for {@code bench/image-probe.sh}: surefire is
 * resolved by every build, so the benchmark needs no other Maven plugin (the dependency plugin,
 * which the script once used for a classpath, cannot be resolved offline). Never part of a build:
 * the name matches none of surefire's includes, and it runs only when {@code -Dbench=image-probe}.
 */
class ImageProbeBenchmarkRun {

    @Test
    @EnabledIfSystemProperty(named = "bench", matches = "image-probe")
    void run() throws Exception {
        String args = System.getProperty("bench.args", "").trim();
        ImageProbeBenchmark.main(args.isEmpty() ? new String[0] : args.split("\\s+"));
    }
}
