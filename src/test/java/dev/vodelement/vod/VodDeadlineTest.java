package dev.vodelement.vod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.ProcessingException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.config.VodConfig;
import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.failure.FailureKind;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.invocation.InvocationDeadline;
import dev.vodelement.invocation.InvocationDeadlines;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * VOD calls start only when the invocation's deadline, less the reserve for recording the outcome,
 * can hold a whole call (connect plus read timeout). The margins are seconds: load cannot flip them.
 */
class VodDeadlineTest {

    private static final Duration CALL_LIMIT = Duration.ofSeconds(13);
    private static final TencentCredentials CREDENTIALS = new TencentCredentials("AKID", "key", null);

    @Test
    void noCallStartsWhenWhatIsLeftCannotHoldOne() {
        VodApi api = unreachable(Duration.ZERO);
        // 15 s timeout - 3 s reserve = 12 s for work, less than one 13 s call
        VodClient client = new VodClient(api, new ObjectMapper(), config(),
                InvocationDeadlines.standalone(Duration.ofSeconds(15), Duration.ofSeconds(3)), CALL_LIMIT);

        FunctionFailure failure = assertThrows(FunctionFailure.class,
                () -> client.call("CreateAigcCustomElement", Map.of(), CREDENTIALS));

        assertEquals(FailureKind.UNAVAILABLE, failure.kind());
        assertTrue(failure.getMessage().startsWith("VOD was not called: "), failure.getMessage());
        verify(api, never()).call(any(), any(), any(), any());
    }

    @Test
    void noRetryStartsOnceWhatIsLeftCannotHoldAnotherCall() {
        // 20 s - 3 s reserve = 17 s for work: the first call fits; after it has taken 5 s, 12 s are left,
        // too little for a second 13 s call, although the retry policy (3 attempts, 20 s) would allow it
        VodApi api = unreachable(Duration.ofSeconds(5));
        VodClient client = new VodClient(api, new ObjectMapper(), config(),
                InvocationDeadlines.standalone(Duration.ofSeconds(20), Duration.ofSeconds(3)), CALL_LIMIT);

        FunctionFailure failure = assertThrows(FunctionFailure.class,
                () -> client.call("CreateAigcCustomElement", Map.of(), CREDENTIALS));

        assertTrue(failure.getMessage().endsWith("(after 1 attempt)"), failure.getMessage());
        verify(api, times(1)).call(any(), any(), any(), any());
    }

    @Test
    void retriesWithinTheDeadlineAsBefore() {
        VodApi api = unreachable(Duration.ZERO);
        VodClient client = new VodClient(api, new ObjectMapper(), config(), InvocationDeadlines.defaults(),
                CALL_LIMIT);

        FunctionFailure failure = assertThrows(FunctionFailure.class,
                () -> client.call("CreateAigcCustomElement", Map.of(), CREDENTIALS));

        assertTrue(failure.getMessage().endsWith("(after 3 attempts)"), failure.getMessage());
        verify(api, times(3)).call(any(), any(), any(), any());
    }

    @Test
    void aDeadlineHandedInRulesInsteadOfTheCurrentOne() {
        // the HTTP functions call VOD after their request context has ended and hand their deadline in:
        // the client's own (30 s) would allow a call, the one handed in (15 s - 3 s reserve) does not
        VodApi api = unreachable(Duration.ZERO);
        VodClient client = new VodClient(api, new ObjectMapper(), config(), InvocationDeadlines.defaults(),
                CALL_LIMIT);

        FunctionFailure failure = assertThrows(FunctionFailure.class, () -> client.call("CreateAigcCustomElement",
                Map.of(), CREDENTIALS, InvocationDeadline.startingNow(Duration.ofSeconds(15), Optional.empty(),
                        Duration.ofSeconds(3))));

        assertTrue(failure.getMessage().startsWith("VOD was not called: "), failure.getMessage());
        verify(api, never()).call(any(), any(), any(), any());
    }

    /** A VOD that cannot be reached, each try failing after {@code takes}. */
    private static VodApi unreachable(Duration takes) {
        VodApi api = mock(VodApi.class);
        when(api.call(any(), any(), any(), any())).thenAnswer(invocation -> {
            Thread.sleep(takes.toMillis());
            throw new ProcessingException(new ConnectException("Connection refused"));
        });
        return api;
    }

    private static VodConfig config() {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("vod.endpoint", "http://127.0.0.1:9",
                        "vod.min-call-interval", "0s", "vod.retry.initial-backoff", "10ms"), "test", 500))
                .withConverter(Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withMapping(VodConfig.class)
                .build()
                .getConfigMapping(VodConfig.class);
    }
}
