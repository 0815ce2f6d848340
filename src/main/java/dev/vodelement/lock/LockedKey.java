package dev.vodelement.lock;

/**
 * What a {@link ManifestLock} guards: an object key whose outcome only one invocation at a time may
 * produce, and the names of the lock objects next to it. A manifest ({@code dev.vodelement.upload.ManifestKey}) is one; an
 * HTTP caller's idempotency record ({@code dev.vodelement.idempotency.IdempotencyRecordKey}) is the
 * other. The lock protocol (levels, expiry, the ElementId stashed in the lock) is the same for both.
 */
public interface LockedKey {

    /** What the key names, for log lines: {@code manifest} or {@code record}. */
    String kind();

    /** The object key of what is guarded (recorded in every lock object as {@code Manifest}). */
    String key();

    /** Lock object of a level: the first one, then {@code .2}, {@code .3}, ... */
    String lockKey(int level);

    /**
     * A digest of the request the holder works on, kept in its lock object so that an ElementId
     * stashed there is handed only to the same request; null when the key alone names the request
     * (a manifest: the object is the request).
     */
    default String fingerprint() {
        return null;
    }
}
