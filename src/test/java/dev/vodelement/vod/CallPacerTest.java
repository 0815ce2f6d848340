package dev.vodelement.vod;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class CallPacerTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final CallPacer pacer = new CallPacer(Duration.ofMillis(500), now::get);

    @Test
    void theFirstCallGoesAtOnceAndTheNextWaitsForItsSlot() {
        assertEquals(Duration.ZERO, pacer.reserve());
        assertEquals(Duration.ofMillis(500), pacer.reserve());
        assertEquals(Duration.ofMillis(1000), pacer.reserve(), "each reservation takes the next slot");
    }

    @Test
    void aCallAfterTheIntervalWaitsForNothing() {
        pacer.reserve();
        now.addAndGet(Duration.ofMillis(700).toNanos());
        assertEquals(Duration.ZERO, pacer.reserve());
        now.addAndGet(Duration.ofMillis(200).toNanos());
        assertEquals(Duration.ofMillis(300), pacer.reserve(), "500 ms after the previous call, not after now");
    }

    @Test
    void aZeroIntervalNeverWaits() {
        CallPacer unpaced = new CallPacer(Duration.ZERO, now::get);
        assertEquals(Duration.ZERO, unpaced.reserve());
        assertEquals(Duration.ZERO, unpaced.reserve());
    }
}
