package dev.vodelement.invocation;

import java.time.Duration;
import java.util.Optional;

/**
 * The one deadline of an invocation, from which every step (image checks, DNS, VOD calls and their
 * retries, COS requests and their retries) draws. It ends when SCF would stop the function; a
 * reserve at its end is kept for recording the outcome (the result object, or the ElementId stashed
 * where the next delivery finds it), so work steps ask {@link #remainingForWork()} and only the
 * recording asks {@link #remaining()}.
 */
public final class InvocationDeadline {

    private final long endNanos;
    private final Duration reserve;

    private InvocationDeadline(long endNanos, Duration reserve) {
        this.endNanos = endNanos;
        this.reserve = reserve;
    }

    /**
     * Starts now.
     *
     * @param timeout the function's timeout ({@code vod.invocation.timeout})
     * @param platformRemaining the time SCF says this invocation has left, when it says so; the
     *        smaller of the two wins (SCF knows when the invocation really started)
     * @param reserve kept at the end for recording the outcome
     */
    public static InvocationDeadline startingNow(Duration timeout, Optional<Duration> platformRemaining,
            Duration reserve) {
        Duration limit = platformRemaining.filter(p -> p.compareTo(timeout) < 0).orElse(timeout);
        return new InvocationDeadline(System.nanoTime() + limit.toNanos(), reserve);
    }

    /** Until SCF stops the invocation. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    /** What work may still use: the remaining time less the reserve for recording the outcome. */
    public Duration remainingForWork() {
        Duration left = remaining().minus(reserve);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Whether a step that may take {@code step} can still start and finish before the reserve. */
    public boolean allowsWork(Duration step) {
        return remainingForWork().compareTo(step) >= 0;
    }

    /** The smaller of a step's own limit and what work may still use. */
    public Duration capForWork(Duration limit) {
        Duration left = remainingForWork();
        return left.compareTo(limit) < 0 ? left : limit;
    }

    @Override
    public String toString() {
        return "InvocationDeadline[remaining=" + remaining().toMillis() + " ms, reserve=" + reserve.toMillis() + " ms]";
    }
}
