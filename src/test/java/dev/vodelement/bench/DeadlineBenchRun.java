package dev.vodelement.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs {@link DeadlineBench} through surefire, for {@code bench/deadlines.sh}, like
 * {@link ImageProbeBenchmarkRun}: never part of a build, only when {@code -Dbench=deadlines}.
 */
class DeadlineBenchRun {

    @Test
    @EnabledIfSystemProperty(named = "bench", matches = "deadlines")
    void run() throws Exception {
        String args = System.getProperty("bench.args", "").trim();
        DeadlineBench.main(args.isEmpty() ? new String[0] : args.split("\\s+"));
    }
}
