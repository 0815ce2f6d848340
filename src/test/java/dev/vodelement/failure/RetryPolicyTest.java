package dev.vodelement.failure;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofMillis(1000),
            Duration.ofSeconds(5));

    @Test
    void backoffDoublesWithJitterAndIsCapped() {
        for (int i = 0; i < 200; i++) {
            long second = policy.backoffBefore(2).toMillis();
            long third = policy.backoffBefore(3).toMillis();
            long tenth = policy.backoffBefore(10).toMillis();
            assertTrue(second >= 100 && second <= 200, "attempt 2 waits 100..200 ms, got " + second);
            assertTrue(third >= 200 && third <= 400, "attempt 3 waits 200..400 ms, got " + third);
            assertTrue(tenth >= 500 && tenth <= 1000, "the cap holds, got " + tenth);
        }
    }

    @Test
    void attemptsAndBudgetBoundRetries() {
        assertTrue(policy.allowsAnother(1, Duration.ZERO, Duration.ofMillis(200)));
        assertFalse(policy.allowsAnother(3, Duration.ZERO, Duration.ofMillis(200)), "no fourth attempt");
        assertFalse(policy.allowsAnother(1, Duration.ofMillis(4900), Duration.ofMillis(200)), "budget exhausted");
    }
}
