package dev.vodelement.failure;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import dev.vodelement.config.VodConfig;

/** Exponential backoff with jitter, bounded both in attempts and in total time. */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration budget) {

    public static RetryPolicy of(VodConfig.Retry config) {
        return new RetryPolicy(Math.max(1, config.maxAttempts()), config.initialBackoff(), config.maxBackoff(),
                config.budget());
    }

    /**
     * The pause before attempt {@code nextAttempt} (2 for the first retry): the exponential step
     * capped at {@link #maxBackoff}, of which a random half is dropped so that callers rate-limited
     * together do not retry together.
     */
    public Duration backoffBefore(int nextAttempt) {
        long base = initialBackoff.toMillis() << Math.min(20, Math.max(0, nextAttempt - 2));
        long capped = Math.min(base, maxBackoff.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /** Whether another attempt may start, after {@code attemptsMade} and with {@code elapsed} spent so far. */
    public boolean allowsAnother(int attemptsMade, Duration elapsed, Duration pause) {
        return attemptsMade < maxAttempts && elapsed.plus(pause).compareTo(budget) < 0;
    }
}
