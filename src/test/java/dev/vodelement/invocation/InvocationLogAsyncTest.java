package dev.vodelement.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import dev.vodelement.element.CreatedElement;
import dev.vodelement.failure.FunctionFailure;

/**
 * {@link InvocationLog#recordAsync}: one line, written when the outcome is known (not when the
 * function returns), with the same fields as {@link InvocationLog#record}, whether the invocation
 * failed at once or later.
 */
class InvocationLogAsyncTest {

    private final InvocationLog log = new InvocationLog();

    @Test
    void theLineWaitsForTheOutcome() {
        try (LogCapture lines = LogCapture.of("dev.vodelement.invocation")) {
            CompletableFuture<CreatedElement> outcome = new CompletableFuture<>();
            CompletionStage<CreatedElement> recorded = log.recordAsync("createElement", "scf-1", () -> outcome);
            assertEquals(List.of(), lines.lines(), "no outcome yet, no line");

            outcome.complete(new CreatedElement("100000001", "req-1", 2));

            assertEquals("100000001", recorded.toCompletableFuture().join().elementId());
            assertEquals(1, lines.lines().size(), lines.lines().toString());
            assertEquals(1, lines.linesWith("INFO createElement outcome=created status=200 code=- elementId=100000001"
                    + " requestId=req-1 attempts=2 durationMs=", " platformRequestId=scf-1 message=-").size(),
                    lines.lines().toString());
        }
    }

    @Test
    void aLaterFailureIsLoggedWithItsOwnFieldsAndPassedOn() {
        try (LogCapture lines = LogCapture.of("dev.vodelement.invocation")) {
            FunctionFailure unavailable = FunctionFailure.unavailable("ServiceUnavailable", "VOD down", "req-2", 3);
            CompletableFuture<CreatedElement> outcome = new CompletableFuture<>();
            CompletionStage<CreatedElement> recorded = log.recordAsync("createElement", null, () -> outcome);

            outcome.completeExceptionally(new CompletionException(unavailable));

            CompletionException thrown = assertThrows(CompletionException.class,
                    () -> recorded.toCompletableFuture().join());
            assertSame(unavailable, thrown.getCause());
            assertEquals(1, lines.linesWith("WARN createElement outcome=", " status=503 code=ServiceUnavailable",
                    "requestId=req-2 attempts=3", "platformRequestId=- message=VOD down").size(),
                    lines.lines().toString());
        }
    }

    @Test
    void aFailureAtOnceIsLoggedAndRethrown() {
        try (LogCapture lines = LogCapture.of("dev.vodelement.invocation")) {
            FunctionFailure invalid = FunctionFailure.invalid("MissingParameter.ElementName", "ElementName is missing");

            assertSame(invalid, assertThrows(FunctionFailure.class,
                    () -> log.recordAsync("validateElement", null, () -> { throw invalid; })));
            assertEquals(1, lines.linesWith("INFO validateElement outcome=", " status=400",
                    "code=MissingParameter.ElementName").size(), lines.lines().toString());
        }
    }

    @Test
    void anUnexpectedLaterFailureIsAnError() {
        try (LogCapture lines = LogCapture.of("dev.vodelement.invocation")) {
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            log.recordAsync("validateElement", "scf-3", () -> outcome);

            outcome.completeExceptionally(new IllegalStateException("bug"));

            assertTrue(lines.lines().size() == 1 && lines.lines().get(0).startsWith(
                    "ERROR validateElement outcome=error status=500 durationMs="), lines.lines().toString());
        }
    }
}
