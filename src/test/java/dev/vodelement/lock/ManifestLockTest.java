package dev.vodelement.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.cos.CosClient;
import dev.vodelement.cos.CosEndpoint;
import dev.vodelement.cos.CosHostPolicy;
import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.element.ElementResultRecord;
import dev.vodelement.failure.RetryPolicy;
import dev.vodelement.invocation.InvocationDeadlines;
import dev.vodelement.standin.CosStandIn;
import dev.vodelement.standin.StandaloneVertx;
import dev.vodelement.standin.VodStandIn;
import dev.vodelement.upload.ManifestKey;

/** The lock chain against the COS stand-in's real x-cos-forbid-overwrite. */
class ManifestLockTest {

    private static final CosStandIn COS = CosStandIn.start().accept(VodStandIn.SECRET_ID, VodStandIn.SECRET_KEY,
            null);
    private static final TencentCredentials CREDENTIALS = new TencentCredentials(VodStandIn.SECRET_ID,
            VodStandIn.SECRET_KEY, null);
    /** vod.invocation.timeout (30 s) + vod.cos.lock-grace (5 s) */
    private static final Duration EXPIRY = Duration.ofSeconds(35);

    private final MovableClock clock = new MovableClock();
    private final CosClient client = new CosClient(new CosHostPolicy(List.of("127.0.0.1")), Duration.ofSeconds(2),
            Duration.ofSeconds(5), new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(5),
                    Duration.ofSeconds(5)), Clock.systemUTC(), InvocationDeadlines.defaults(), StandaloneVertx.get());
    private final ManifestLock locks = new ManifestLock(client, new ObjectMapper(), EXPIRY, clock);
    private final CosEndpoint bucket = CosEndpoint.of(URI.create(COS.objectUrl("x")), false);
    private final ManifestKey cat = new ManifestKey("elements/cat.element.json");

    @BeforeEach
    void reset() {
        COS.reset();
    }

    @AfterAll
    static void stop() {
        COS.close();
    }

    @Test
    void oneHolderAtATimeUntilReleased() {
        LockAttempt.Held held = assertInstanceOf(LockAttempt.Held.class, locks.tryAcquire(bucket, cat, CREDENTIALS));
        assertEquals(1, held.level());
        assertTrue(COS.objectText("elements/cat.element.lock").orElseThrow().contains(held.holder()));

        LockAttempt.Busy busy = assertInstanceOf(LockAttempt.Busy.class, locks.tryAcquire(bucket, cat, CREDENTIALS));
        assertEquals("elements/cat.element.lock", busy.lockKey());
        assertEquals(clock.instant().plus(EXPIRY), busy.expiresAt());

        locks.release(held, CREDENTIALS);
        assertFalse(COS.keys().contains("elements/cat.element.lock"));
        assertInstanceOf(LockAttempt.Held.class, locks.tryAcquire(bucket, cat, CREDENTIALS));
    }

    @Test
    void aLockCarriesWhenItWasTakenAndItsHoldersDeadlinePlusGrace() throws Exception {
        locks.tryAcquire(bucket, cat, CREDENTIALS);

        var record = new ObjectMapper().readTree(COS.objectText("elements/cat.element.lock").orElseThrow());
        assertEquals(clock.instant().toString(), record.path("TakenAt").asText());
        assertEquals(clock.instant().plusSeconds(35).toString(), record.path("ExpiresAt").asText());
    }

    @Test
    void aDeadHoldersLockStopsBlockingJustAfterItsDeadline() {
        locks.tryAcquire(bucket, cat, CREDENTIALS);
        clock.advance(EXPIRY.minusSeconds(1));
        assertInstanceOf(LockAttempt.Busy.class, locks.tryAcquire(bucket, cat, CREDENTIALS));

        clock.advance(Duration.ofSeconds(2));
        assertEquals(2, assertInstanceOf(LockAttempt.Held.class, locks.tryAcquire(bucket, cat, CREDENTIALS)).level());
    }

    @Test
    void anExpiredLockIsPassedOverNotReplaced() {
        LockAttempt.Held crashed = (LockAttempt.Held) locks.tryAcquire(bucket, cat, CREDENTIALS);
        String crashedLock = COS.objectText("elements/cat.element.lock").orElseThrow();
        clock.advance(EXPIRY.plusSeconds(1));

        LockAttempt.Held next = assertInstanceOf(LockAttempt.Held.class, locks.tryAcquire(bucket, cat, CREDENTIALS));

        assertEquals(2, next.level());
        assertEquals(crashedLock, COS.objectText("elements/cat.element.lock").orElseThrow());
        assertTrue(COS.objectText("elements/cat.element.lock.2").orElseThrow().contains(next.holder()));
        assertInstanceOf(LockAttempt.Busy.class, locks.tryAcquire(bucket, cat, CREDENTIALS));
        assertFalse(crashed.holder().equals(next.holder()));
    }

    @Test
    void withoutAResultOnlyTheOwnLevelIsReleased() {
        locks.tryAcquire(bucket, cat, CREDENTIALS);
        clock.advance(EXPIRY.plusSeconds(1));
        LockAttempt.Held second = (LockAttempt.Held) locks.tryAcquire(bucket, cat, CREDENTIALS);

        locks.release(second, CREDENTIALS);

        assertTrue(COS.keys().contains("elements/cat.element.lock"));
        assertFalse(COS.keys().contains("elements/cat.element.lock.2"));
        assertEquals(2, ((LockAttempt.Held) locks.tryAcquire(bucket, cat, CREDENTIALS)).level());
    }

    @Test
    void onceRecordedEveryLevelGoes() {
        locks.tryAcquire(bucket, cat, CREDENTIALS);
        clock.advance(EXPIRY.plusSeconds(1));
        LockAttempt.Held second = (LockAttempt.Held) locks.tryAcquire(bucket, cat, CREDENTIALS);

        locks.releaseRecorded(bucket, cat, second.level(), CREDENTIALS);

        assertEquals(List.of(), COS.keys().stream().filter(k -> k.contains(".lock")).toList());
    }

    @Test
    void aStashedElementIsHandedToTheNextAttemptEvenAfterExpiry() {
        LockAttempt.Held held = (LockAttempt.Held) locks.tryAcquire(bucket, cat, CREDENTIALS);
        ElementResultRecord result = new ElementResultRecord("900000042", "req-1", cat.key(), "2026-01-01T00:00:00Z");

        assertTrue(locks.stash(held, result, CREDENTIALS));
        clock.advance(EXPIRY.multipliedBy(10));

        LockAttempt.Stashed stashed = assertInstanceOf(LockAttempt.Stashed.class,
                locks.tryAcquire(bucket, cat, CREDENTIALS));
        assertEquals(result, stashed.result());
        assertEquals(1, stashed.level());
    }

    @Test
    void anyLockedKeyGetsTheSameChainAndItsFingerprintTravelsWithTheStash() throws Exception {
        LockedKey record = new LockedKey() {
            @Override
            public String kind() {
                return "record";
            }

            @Override
            public String key() {
                return "idempotency/abc.json";
            }

            @Override
            public String lockKey(int level) {
                return "idempotency/abc.lock" + (level == 1 ? "" : "." + level);
            }

            @Override
            public String fingerprint() {
                return "f00d";
            }
        };
        LockAttempt.Held held = assertInstanceOf(LockAttempt.Held.class, locks.tryAcquire(bucket, record, CREDENTIALS));
        assertEquals("f00d", new ObjectMapper().readTree(COS.objectText("idempotency/abc.lock").orElseThrow())
                .path("Fingerprint").asText(), "the lock says which request its holder works on");
        assertInstanceOf(LockAttempt.Busy.class, locks.tryAcquire(bucket, record, CREDENTIALS));
        clock.advance(EXPIRY.plusSeconds(1));
        LockAttempt.Held next = assertInstanceOf(LockAttempt.Held.class, locks.tryAcquire(bucket, record, CREDENTIALS));
        assertEquals(2, next.level());

        ElementResultRecord result = new ElementResultRecord("900000043", "req-2", record.key(),
                "2026-01-01T00:00:00Z");
        assertTrue(locks.stash(next, result, CREDENTIALS));
        LockAttempt.Stashed stashed = assertInstanceOf(LockAttempt.Stashed.class,
                locks.tryAcquire(bucket, record, CREDENTIALS));
        assertEquals(result, stashed.result());
        assertEquals("f00d", stashed.fingerprint());
        assertEquals(2, stashed.level());
        assertEquals(held.target(), next.target());

        assertFalse(COS.objectText("elements/cat.element.lock").isPresent());
        LockAttempt.Held manifest = (LockAttempt.Held) locks.tryAcquire(bucket, cat, CREDENTIALS);
        assertFalse(COS.objectText("elements/cat.element.lock").orElseThrow().contains("Fingerprint"),
                "a manifest's lock is what it always was");
        assertEquals(cat, manifest.target());
    }

    @Test
    void deadHoldersOnEveryLevelExhaustTheManifestInsteadOfFailingForEver() {
        for (int level = 1; level <= ManifestLock.MAX_LEVELS; level++) {
            assertEquals(level, ((LockAttempt.Held) locks.tryAcquire(bucket, cat, CREDENTIALS)).level());
            clock.advance(EXPIRY.plusSeconds(1));
        }

        LockAttempt.Exhausted exhausted = assertInstanceOf(LockAttempt.Exhausted.class,
                locks.tryAcquire(bucket, cat, CREDENTIALS));
        assertEquals("elements/cat.element.lock", exhausted.firstLockKey());
        assertEquals(ManifestLock.MAX_LEVELS, exhausted.levels());
    }

    @Test
    void anUnreadableLockCountsAsExpired() {
        COS.putObject("elements/cat.element.lock", "not json".getBytes(), "application/json");
        assertEquals(2, ((LockAttempt.Held) locks.tryAcquire(bucket, cat, CREDENTIALS)).level());
    }

    @Test
    void concurrentAttemptsYieldExactlyOneHolder() throws Exception {
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LockAttempt>> attempts = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            attempts.add(pool.submit((Callable<LockAttempt>) () -> {
                start.await();
                return locks.tryAcquire(bucket, cat, CREDENTIALS);
            }));
        }
        start.countDown();
        int held = 0;
        for (Future<LockAttempt> attempt : attempts) {
            if (attempt.get(30, TimeUnit.SECONDS) instanceof LockAttempt.Held) {
                held++;
            }
        }
        pool.shutdownNow();
        assertEquals(1, held);
    }

    /** A clock the test moves forward, so that expiry needs no waiting. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
