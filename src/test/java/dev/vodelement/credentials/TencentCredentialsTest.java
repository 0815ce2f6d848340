package dev.vodelement.credentials;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TencentCredentialsTest {

    @Test
    void toStringNeverShowsTheKeyOrTheToken() {
        String shown = new TencentCredentials("AKIDvisible", "theSecretKey", "theSessionToken").toString();
        assertTrue(shown.contains("AKIDvisible"));
        assertFalse(shown.contains("theSecretKey"));
        assertFalse(shown.contains("theSessionToken"));
    }

    @Test
    void blankTokenMeansPermanentCredentials() {
        assertTrue(new TencentCredentials("id", "key", " ").token().isEmpty());
    }

    @Test
    void idAndKeyAreRequired() {
        assertThrows(IllegalArgumentException.class, () -> new TencentCredentials("id", "", null));
        assertThrows(IllegalArgumentException.class, () -> new TencentCredentials(null, "key", null));
    }
}
