package dev.vodelement.lock;

import java.time.Duration;
import java.time.Instant;

import dev.vodelement.cos.CosEndpoint;
import dev.vodelement.element.ElementResultRecord;

/** What {@link ManifestLock#tryAcquire} found. */
public sealed interface LockAttempt {

    /** This invocation holds the lock object of {@code level}; the levels below it are expired. */
    record Held(CosEndpoint endpoint, LockedKey target, int level, String holder) implements LockAttempt {
    }

    /** Another invocation holds the manifest until {@code expiresAt}. */
    record Busy(String lockKey, Instant expiresAt) implements LockAttempt {

        /** When to come back: the holder's expiry, at least a second from {@code now}. */
        public Duration retryAfter(Instant now) {
            Duration left = Duration.between(now, expiresAt);
            return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
        }
    }

    /**
     * Every level up to {@link ManifestLock#MAX_LEVELS} was taken by an invocation that died holding it:
     * the manifest kills the function, or something else does each time. Retrying cannot help.
     */
    record Exhausted(String firstLockKey, int levels) implements LockAttempt {
    }

    /**
     * An earlier invocation created the element but could not write the result object; here it is,
     * with the {@link LockedKey#fingerprint() fingerprint} of the request that created it (null for a manifest).
     */
    record Stashed(int level, ElementResultRecord result, String fingerprint) implements LockAttempt {
    }
}
