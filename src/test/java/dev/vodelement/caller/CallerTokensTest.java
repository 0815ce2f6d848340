package dev.vodelement.caller;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which Authorization headers the configured bearer tokens admit. */
class CallerTokensTest {

    private final CallerTokens tokens = new CallerTokens(List.of("first-caller-token", " second-caller-token "));

    @Test
    void eachConfiguredTokenIsAdmittedAsABearerToken() {
        assertTrue(tokens.admits("Bearer first-caller-token"));
        assertTrue(tokens.admits("Bearer second-caller-token"), "configured values are trimmed");
        assertTrue(tokens.admits("bearer first-caller-token"), "the scheme is case-insensitive (RFC 7235)");
    }

    @Test
    void anythingElseIsRefused() {
        assertFalse(tokens.admits(null));
        assertFalse(tokens.admits(""));
        assertFalse(tokens.admits("Bearer "));
        assertFalse(tokens.admits("first-caller-token"), "the scheme is required");
        assertFalse(tokens.admits("Basic first-caller-token"));
        assertFalse(tokens.admits("Bearer first-caller-toke"), "a prefix of a token");
        assertFalse(tokens.admits("Bearer first-caller-token2"), "a token with more after it");
        assertFalse(tokens.admits("Bearer FIRST-CALLER-TOKEN"), "tokens are case-sensitive");
    }

    @Test
    void blankTokensConfigureNothing() {
        CallerTokens blank = new CallerTokens(List.of(" ", ""));
        assertTrue(blank.isEmpty());
        assertFalse(blank.admits("Bearer  "));
    }
}
