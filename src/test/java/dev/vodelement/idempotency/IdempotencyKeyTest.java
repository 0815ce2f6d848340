package dev.vodelement.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.vodelement.failure.FailureKind;
import dev.vodelement.failure.FunctionFailure;

/** The contract's rule for the header: 1 to 255 visible ASCII characters, else 400 naming the header and the rule. */
class IdempotencyKeyTest {

    @Test
    void visibleAsciiFromOneTo255CharactersIsAKey() {
        assertEquals("a", new IdempotencyKey("a").value());
        String longest = "k".repeat(255);
        assertEquals(longest, new IdempotencyKey(longest).value());
        String everyVisible = allVisibleAscii();
        assertEquals(94, everyVisible.length());
        assertEquals(everyVisible, new IdempotencyKey(everyVisible).value());
        assertEquals("8e4c7c5e-3f7a-4c1b-9d2e-0a1b2c3d4e5f",
                IdempotencyKey.fromHeader("8e4c7c5e-3f7a-4c1b-9d2e-0a1b2c3d4e5f").orElseThrow().value());
    }

    @Test
    void noHeaderIsNoKey() {
        assertEquals(Optional.empty(), IdempotencyKey.fromHeader(List.of()));
        assertEquals(Optional.empty(), IdempotencyKey.fromHeader((String) null));
    }

    @Test
    void anEmptyValueIsRefused() {
        assertRefused("", "found an empty value");
    }

    @Test
    void moreThan255CharactersAreRefused() {
        assertRefused("k".repeat(256), "found 256 characters");
    }

    @Test
    void nonAsciiIsRefusedWithItsCodePointAndPosition() {
        assertRefused("caf\u00e9", "found a non-ASCII character (U+00E9) at position 4");
        assertRefused("\u4e2d", "found a non-ASCII character (U+4E2D) at position 1");
    }

    @Test
    void controlCharactersAndSpacesAreRefused() {
        assertRefused("a\tb", "found a control character (U+0009) at position 2");
        assertRefused("a\u0000", "found a control character (U+0000) at position 2");
        assertRefused("a\nb", "found a control character (U+000A) at position 2");
        assertRefused("del\u007f", "found a control character (U+007F) at position 4");
        assertRefused("two words", "found a space (U+0020) at position 4");
    }

    @Test
    void theHeaderSentTwiceIsRefused() {
        FunctionFailure failure = assertThrows(FunctionFailure.class,
                () -> IdempotencyKey.fromHeader(List.of("a", "b")));
        assertEquals(IdempotencyKey.INVALID_CODE, failure.code());
        assertEquals("Idempotency-Key must be sent once, found 2 of them", failure.getMessage());
    }

    @Test
    void theKeyIsNeverShown() {
        assertFalse(new IdempotencyKey("secret-ish-key").toString().contains("secret-ish-key"));
        FunctionFailure failure = assertThrows(FunctionFailure.class, () -> new IdempotencyKey("my key"));
        assertFalse(failure.getMessage().contains("my key"), failure.getMessage());
    }

    private static void assertRefused(String value, String found) {
        FunctionFailure failure = assertThrows(FunctionFailure.class, () -> new IdempotencyKey(value));
        assertEquals(FailureKind.INVALID_REQUEST, failure.kind());
        assertEquals(400, failure.kind().httpStatus());
        assertEquals("InvalidParameterValue.IdempotencyKey", failure.code());
        assertEquals("Idempotency-Key must be 1 to 255 visible ASCII characters (0x21 to 0x7E), " + found,
                failure.getMessage());
        assertTrue(failure.getMessage().startsWith("Idempotency-Key "));
    }

    private static String allVisibleAscii() {
        StringBuilder all = new StringBuilder();
        for (char c = 0x21; c <= 0x7E; c++) {
            all.append(c);
        }
        return all.toString();
    }
}
