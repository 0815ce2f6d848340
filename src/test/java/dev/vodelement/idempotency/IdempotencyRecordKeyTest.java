package dev.vodelement.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.vodelement.upload.ManifestKey;

/** Object names: a digest of scope and key under the prefix, never the key, never a manifest. */
class IdempotencyRecordKeyTest {

    private static final IdempotencyKey KEY = new IdempotencyKey("order-4711/attempt");

    @Test
    void namesAreTheDigestUnderThePrefix() {
        IdempotencyRecordKey record = IdempotencyRecordKey.of("idempotency/", KeyScope.FUNCTION, KEY, "f");
        assertTrue(record.key().matches("idempotency/[0-9a-f]{64}\\.json"), record.key());
        assertEquals(record.key().replace(".json", ".lock"), record.lockKey(1));
        assertEquals(record.key().replace(".json", ".lock.2"), record.lockKey(2));
        assertEquals("f", record.fingerprint());
        for (String name : new String[] { record.key(), record.lockKey(1), record.lockKey(2) }) {
            assertFalse(name.contains("order-4711"), name);
            assertFalse(ManifestKey.isManifest(name), "never triggers the upload flow: " + name);
        }
    }

    @Test
    void theSameKeyInAnotherScopeIsAnotherRecord() {
        String function = IdempotencyRecordKey.of("p/", KeyScope.FUNCTION, KEY, "f").key();
        String alice = IdempotencyRecordKey.of("p/", KeyScope.of(Optional.of("alice-token"), Optional.empty()), KEY,
                "f").key();
        String bob = IdempotencyRecordKey.of("p/", KeyScope.of(Optional.of("bob-token"), Optional.empty()), KEY, "f")
                .key();
        String app = IdempotencyRecordKey.of("p/", KeyScope.of(Optional.empty(), Optional.of("AKIDapp")), KEY, "f")
                .key();
        assertEquals(4, java.util.Set.of(function, alice, bob, app).size());
        assertNotEquals(function, IdempotencyRecordKey.of("p/", KeyScope.FUNCTION, new IdempotencyKey("other"), "f")
                .key());
        assertEquals(function, IdempotencyRecordKey.of("p/", KeyScope.of(Optional.empty(), Optional.of(" ")), KEY, "f")
                .key(), "a blank identity is none");
    }

    @Test
    void theScopeKeepsOnlyDigestsOfIdentities() {
        KeyScope scope = KeyScope.of(Optional.of("alice-token"), Optional.of("AKIDapp"));
        assertEquals(2, scope.parts().size());
        assertTrue(scope.parts().stream().noneMatch(p -> p.contains("alice-token") || p.contains("AKIDapp")),
                scope.parts()::toString);
    }
}
