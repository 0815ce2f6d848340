package dev.vodelement.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The split of an invocation's time between work and the reserve for recording its outcome. Margins are seconds wide. */
class InvocationDeadlineTest {

    @Test
    void workStopsAReserveBeforeTheEnd() {
        InvocationDeadline deadline = InvocationDeadline.startingNow(Duration.ofSeconds(30), Optional.empty(),
                Duration.ofSeconds(3));

        assertBetween(deadline.remaining(), 25, 30);
        assertBetween(deadline.remainingForWork(), 22, 27);
        assertTrue(deadline.allowsWork(Duration.ofSeconds(13)));
        assertFalse(deadline.allowsWork(Duration.ofSeconds(28)), "28 s of work would eat into the reserve");
        assertEquals(Duration.ofSeconds(5), deadline.capForWork(Duration.ofSeconds(5)));
        assertBetween(deadline.capForWork(Duration.ofMinutes(5)), 22, 27);
    }

    @Test
    void theSmallerOfTheTimeoutAndWhatTheRuntimeApiToldWins() {
        assertBetween(InvocationDeadline.startingNow(Duration.ofSeconds(30), Optional.of(Duration.ofSeconds(12)),
                Duration.ofSeconds(3)).remaining(), 7, 12);
        assertBetween(InvocationDeadline.startingNow(Duration.ofSeconds(30), Optional.of(Duration.ofSeconds(300)),
                Duration.ofSeconds(3)).remaining(), 25, 30);
    }

    @Test
    void nothingIsLeftForWorkOnceOnlyTheReserveRemains() {
        InvocationDeadline deadline = InvocationDeadline.startingNow(Duration.ofSeconds(2), Optional.empty(),
                Duration.ofSeconds(3));

        assertEquals(Duration.ZERO, deadline.remainingForWork());
        assertFalse(deadline.allowsWork(Duration.ofMillis(1)));
        assertTrue(deadline.remaining().compareTo(Duration.ZERO) > 0, "the recording still has its time");
    }

    private static void assertBetween(Duration value, long fromSeconds, long toSeconds) {
        assertTrue(value.compareTo(Duration.ofSeconds(fromSeconds)) >= 0
                && value.compareTo(Duration.ofSeconds(toSeconds)) <= 0, value + " not in [" + fromSeconds + " s, "
                        + toSeconds + " s]");
    }
}
