package dev.vodelement.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.vodelement.config.CosConfig;
import dev.vodelement.cos.CosEndpoint;
import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.element.ElementRequestParser;
import dev.vodelement.element.ElementService;
import dev.vodelement.failure.FailureKind;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.invocation.InvocationDeadlines;
import dev.vodelement.lock.CrashPoint;
import dev.vodelement.lock.LockAttempt;
import dev.vodelement.lock.ManifestLock;

/**
 * How long a delivery waits for another invocation's lock, in isolation (the COS side of locks is
 * {@link ManifestLockTest}, the whole flow {@link UploadEventsTest}). No assertion depends on how
 * fast the machine is: the waits are decided from the deadline, and counted in lock attempts.
 */
class ManifestProcessorTest {

    private static final CosEndpoint BUCKET = new CosEndpoint("http", "127.0.0.1", 9);
    private static final ManifestKey CAT = new ManifestKey("elements/cat.element.json");
    private static final TencentCredentials CREDENTIALS = new TencentCredentials("AKIDtest", "secret", null);

    private final OutcomeObjects outcomes = mock(OutcomeObjects.class);
    private final ManifestLock locks = mock(ManifestLock.class);
    private final ElementService elements = mock(ElementService.class);

    @Test
    void theLockWaitIsDrawnFromTheInvocationsDeadline() {
        ManifestProcessor processor = processor(Duration.ofSeconds(10), InvocationDeadlines.defaults());

        assertEquals(Duration.ofSeconds(10), processor.waitable(Duration.ofSeconds(27)), "lock-wait when time allows");
        assertEquals(Duration.ofMillis(2_700), processor.waitable(Duration.ofSeconds(4)),
                "what is left, less a COS request (1 s) and a poll (300 ms)");
        assertEquals(Duration.ZERO, processor.waitable(Duration.ofMillis(1_200)));
        assertEquals(Duration.ZERO, processor.waitable(Duration.ZERO));
    }

    @Test
    void aBusyManifestWithNoTimeLeftToWaitFailsAtOnceForARetry() {
        // 4 s timeout less the 3 s reserve: 1 s for work, not enough to wait for another invocation
        ManifestProcessor processor = processor(Duration.ofSeconds(10),
                InvocationDeadlines.standalone(Duration.ofSeconds(4), Duration.ofSeconds(3)));
        Instant expiresAt = Instant.now().plusSeconds(30);
        when(outcomes.readResult(any(), any(), any())).thenReturn(Optional.empty());
        when(locks.tryAcquire(any(), any(), any())).thenReturn(new LockAttempt.Busy(CAT.lockKey(1), expiresAt));

        FunctionFailure busy = assertThrows(FunctionFailure.class, () -> processor.process(BUCKET, CAT, CREDENTIALS));

        assertEquals(FailureKind.UNAVAILABLE, busy.kind());
        assertTrue(busy.getMessage().contains("being processed by another invocation"), busy.getMessage());
        long retryAfter = busy.retryAfter().orElseThrow().toSeconds();
        assertTrue(retryAfter >= 28 && retryAfter <= 30, "retry when the lock expires: " + retryAfter);
        verify(locks, times(1)).tryAcquire(BUCKET, CAT, CREDENTIALS);
        verifyNoInteractions(elements);
    }

    @Test
    void withTimeToSpareABusyManifestIsPolledUntilLockWaitEnds() {
        ManifestProcessor processor = processor(Duration.ofMillis(700), InvocationDeadlines.defaults());
        when(outcomes.readResult(any(), any(), any())).thenReturn(Optional.empty());
        when(locks.tryAcquire(any(), any(), any()))
                .thenReturn(new LockAttempt.Busy(CAT.lockKey(1), Instant.now().plusSeconds(30)));

        assertThrows(FunctionFailure.class, () -> processor.process(BUCKET, CAT, CREDENTIALS));

        verify(locks, atLeast(2)).tryAcquire(BUCKET, CAT, CREDENTIALS);
        verifyNoInteractions(elements);
    }

    private ManifestProcessor processor(Duration lockWait, InvocationDeadlines deadlines) {
        CosConfig config = mock(CosConfig.class);
        when(config.lockWait()).thenReturn(lockWait);
        return new ManifestProcessor(outcomes, locks, mock(ManifestLoader.class), mock(ElementRequestParser.class),
                elements, config, mock(CrashPoint.class),
                deadlines);
    }
}
