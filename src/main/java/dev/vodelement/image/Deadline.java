package dev.vodelement.image;

import java.time.Duration;

/**
 * The time left for the images of one request (DNS, every connect and read wait at most that long);
 * never more than what the invocation's deadline leaves for work.
 */
public final class Deadline {

    private final Duration budget;
    private final long endNanos;

    private Deadline(Duration budget, long endNanos) {
        this.budget = budget;
        this.endNanos = endNanos;
    }

    public static Deadline after(Duration budget) {
        return new Deadline(budget, System.nanoTime() + budget.toNanos());
    }

    /**
     * The same deadline, ending {@code grace} later: how long to wait for work that enforces this
     * deadline itself. Taken once per request, so the grace is added once, not once per image.
     */
    public Deadline extendedBy(Duration grace) {
        return new Deadline(budget, endNanos + grace.toNanos());
    }

    public long remainingMillis() {
        return Math.max(0, (endNanos - System.nanoTime()) / 1_000_000);
    }

    public boolean expired() {
        return endNanos - System.nanoTime() <= 0;
    }

    /** The smaller of a timeout and the time left, in milliseconds, at least 1 (0 would mean "forever" to a socket). */
    public int cap(Duration timeout) {
        return (int) Math.max(1, Math.min(timeout.toMillis(), remainingMillis()));
    }

    public ImageRejected timedOut() {
        return ImageRejected.unreachable("timed out after " + Figures.duration(budget));
    }
}
