package dev.vodelement.caller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.config.CallerCheckConfig;
import dev.vodelement.caller.CallerCheck.Mode;
import io.quarkus.runtime.LaunchMode;

/** When the caller check runs, and when a production start warns that the functions are open. */
class CallerCheckModeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void tokensTurnTheCheckOnOutsideDevMode() {
        assertEquals(Mode.TOKENS, check(List.of("t0ken"), false, LaunchMode.NORMAL).mode());
        assertEquals(Mode.TOKENS, check(List.of("t0ken"), false, LaunchMode.TEST).mode());
        assertEquals(Mode.DEV_MODE, check(List.of("t0ken"), false, LaunchMode.DEVELOPMENT).mode());
    }

    @Test
    void anAuthenticatingPlatformNeedsNoCheck() {
        assertEquals(Mode.AUTHENTICATED_UPSTREAM, check(List.of(), true, LaunchMode.NORMAL).mode());
        assertEquals(Mode.AUTHENTICATED_UPSTREAM, check(List.of("t0ken"), true, LaunchMode.NORMAL).mode());
    }

    @Test
    void eventsAreAdmittedUnlessTokensAreConfigured() {
        assertTrue(check(List.of(), false, LaunchMode.NORMAL).admitsEvent(null));
        assertTrue(check(List.of("t0ken"), true, LaunchMode.NORMAL).admitsEvent(null));
        assertFalse(check(List.of("t0ken"), false, LaunchMode.NORMAL).admitsEvent(null));
        assertFalse(check(List.of("t0ken"), false, LaunchMode.NORMAL).admitsEvent("Bearer other"));
        assertTrue(check(List.of("t0ken"), false, LaunchMode.NORMAL).admitsEvent("Bearer t0ken"));
    }

    @Test
    void onlyAnAdmittingTokenScopesIdempotencyKeys() {
        CallerCheck tokens = check(List.of("alice-t0ken", "bob-t0ken"), false, LaunchMode.NORMAL);
        assertEquals(Optional.of("alice-t0ken"), tokens.admittedToken("Bearer alice-t0ken"));
        assertEquals(Optional.of("bob-t0ken"), tokens.admittedToken("bearer  bob-t0ken "));
        assertEquals(Optional.empty(), tokens.admittedToken("Bearer mallory"));
        assertEquals(Optional.empty(), tokens.admittedToken(null));
        // a CAM-signed function URL request's Authorization changes with every request: never a scope
        String tc3 = "TC3-HMAC-SHA256 Credential=AKIDexample/2026-12-06/scf/tc3_request, SignedHeaders=host,"
                + " Signature=abc";
        assertEquals(Optional.empty(), check(List.of(), true, LaunchMode.NORMAL).admittedToken(tc3));
        assertEquals(Optional.empty(), check(List.of(), false, LaunchMode.NORMAL).admittedToken("Bearer x"));
        assertEquals(Optional.empty(), check(List.of("t0ken"), false, LaunchMode.DEVELOPMENT)
                .admittedToken("Bearer t0ken"));
    }

    @Test
    void anOpenProductionStartWarnsAndNamesTheFix() {
        CallerCheck open = check(List.of(), false, LaunchMode.NORMAL);

        assertEquals(Mode.OPEN, open.mode());
        String warning = open.startupWarning().orElseThrow();
        assertTrue(warning.contains("/createElement") && warning.contains("/validateElement")
                && warning.contains("/event-invoke"), warning);
        assertTrue(warning.contains("vod.caller-check.tokens"), warning);
        assertTrue(warning.contains("vod.caller-check.authenticated-upstream=true"), warning);
    }

    @Test
    void noWarningWhenCheckedAuthenticatedUpstreamOrNotInProduction() {
        assertFalse(check(List.of("t0ken"), false, LaunchMode.NORMAL).startupWarning().isPresent());
        assertFalse(check(List.of(), true, LaunchMode.NORMAL).startupWarning().isPresent());
        assertFalse(check(List.of(), false, LaunchMode.DEVELOPMENT).startupWarning().isPresent());
        assertFalse(check(List.of(), false, LaunchMode.TEST).startupWarning().isPresent());
    }

    @Test
    void theWarningNeverCarriesATokenAndThe401NeitherDoes() {
        String secret = "s3cret-token-value";
        CallerCheck checked = check(List.of(secret), false, LaunchMode.NORMAL);

        assertFalse(CallerCheck.unauthorized().json(MAPPER).contains(secret));
        assertFalse(checked.toString().contains(secret));
    }

    private static CallerCheck check(List<String> tokens, boolean upstream, LaunchMode launchMode) {
        CallerCheckConfig config = new CallerCheckConfig() {
            @Override
            public Optional<List<String>> tokens() {
                return tokens.isEmpty() ? Optional.empty() : Optional.of(tokens);
            }

            @Override
            public boolean authenticatedUpstream() {
                return upstream;
            }
        };
        return new CallerCheck(config, launchMode, MAPPER);
    }
}
