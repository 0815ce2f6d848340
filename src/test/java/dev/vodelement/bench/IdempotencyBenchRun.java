package dev.vodelement.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs {@link IdempotencyBench} through surefire, for {@code bench/idempotency.sh} (as
 * {@link ImageProbeBenchmarkRun} does for its benchmark). Never part of a build: the name matches
 * none of surefire's includes, and it runs only when {@code -Dbench=idempotency}.
 */
class IdempotencyBenchRun {

    @Test
    @EnabledIfSystemProperty(named = "bench", matches = "idempotency")
    void run() throws Exception {
        String args = System.getProperty("bench.args", "").trim();
        IdempotencyBench.main(args.isEmpty() ? new String[0] : args.split("\\s+"));
    }
}
