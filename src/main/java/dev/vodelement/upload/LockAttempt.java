package dev.vodelement.upload;

import java.time.Instant;

import dev.vodelement.cos.CosEndpoint;

/** What {@link ManifestLock#tryAcquire} found. */
public sealed interface LockAttempt {

    /** This invocation holds the lock object of {@code level}; the levels below it are expired. */
    record Held(CosEndpoint endpoint, ManifestKey manifest, int level, String holder) implements LockAttempt {
    }

    /** Another invocation holds the manifest until {@code expiresAt}. */
    record Busy(String lockKey, Instant expiresAt) implements LockAttempt {
    }

    /** An earlier invocation created the element but could not write the result object; here it is. */
    record Stashed(int level, ElementResultRecord result) implements LockAttempt {
    }
}
