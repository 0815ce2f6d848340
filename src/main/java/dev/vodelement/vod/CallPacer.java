package dev.vodelement.vod;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces one instance's VOD calls, retries included, at least an interval apart. An SCF instance
 * handles one event at a time, so with the concurrency cap of serverless.yml this bounds the whole
 * function's rate: 10 instances x one call per 500 ms = VOD's 20 requests per second, whatever
 * the images and the network make an invocation's duration. Only back-to-back invocations on one
 * warm instance ever wait.
 */
final class CallPacer {

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private long nextFreeNanos; // guarded by this; 0 until the first call

    CallPacer(Duration interval, LongSupplier nanoClock) {
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    static CallPacer of(Duration interval) {
        return new CallPacer(interval, System::nanoTime);
    }

    /** Reserves the next free slot; how long the caller has to wait for it (zero if free now). */
    synchronized Duration reserve() {
        long now = nanoClock.getAsLong();
        long at = nextFreeNanos == 0 ? now : Math.max(now, nextFreeNanos);
        nextFreeNanos = at + intervalNanos;
        return Duration.ofNanos(at - now);
    }
}
