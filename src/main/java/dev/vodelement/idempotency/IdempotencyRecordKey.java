package dev.vodelement.idempotency;

import dev.vodelement.lock.LockedKey;

/**
 * Where one idempotency key's record and lock objects live: {@code <prefix><digest>.json} and
 * {@code <prefix><digest>.lock}, {@code .lock.2}, ..., the digest being the SHA-256 of the function
 * the key is for ({@code createElement}), its {@link KeyScope} and the key. Raw keys never appear in
 * object names. The lock carries the request's fingerprint, so that an ElementId stashed in it after
 * a failed record write is handed only to the same request.
 */
public record IdempotencyRecordKey(String prefix, String digest, String fingerprint) implements LockedKey {

    @Override
    public String kind() {
        return "record";
    }


    /** Ends no object name with {@code .element.json}: no record ever triggers the upload flow. */
    static final String RECORD_SUFFIX = ".json";

    public static IdempotencyRecordKey of(String prefix, KeyScope scope, IdempotencyKey key, String fingerprint) {
        StringBuilder named = new StringBuilder("createElement");
        for (String part : scope.parts()) {
            named.append('\0').append(part);
        }
        named.append('\0').append("key:").append(key.value());
        return new IdempotencyRecordKey(prefix, Sha256.hex(named.toString()), fingerprint);
    }

    /** The record object. */
    @Override
    public String key() {
        return prefix + digest + RECORD_SUFFIX;
    }

    @Override
    public String lockKey(int level) {
        return prefix + digest + ".lock" + (level == 1 ? "" : "." + level);
    }

    /** The digest's first 16 hex digits: what log lines name a key by. */
    public String shortDigest() {
        return digest.substring(0, 16);
    }

    @Override
    public String toString() {
        return key();
    }
}
