package dev.vodelement.invocation;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.vodelement.element.CreatedElement;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.failure.StageFailure;

/**
 * One log line per invocation, the same fields whatever the trigger: function, outcome, status,
 * error code, ElementId, VOD RequestId, attempts, duration, the platform's request id (SCF's, when
 * the platform gave one) and a message. Every value goes through {@link LogValue}, so that no caller
 * can start a line of its own. With {@code quarkus.log.console.json.enabled=true} the same line
 * becomes a JSON record.
 */
@ApplicationScoped
public class InvocationLog {

    private static final Logger LOG = Logger.getLogger("dev.vodelement.invocation");

    /** SCF's id of an invocation, as SCF sends it to an image-based or web function's HTTP server. */
    public static final String SCF_REQUEST_ID_HEADER = "X-Scf-Request-Id";

    /** An invocation without a platform request id (a plain HTTP call). */
    public <T> T record(String function, Supplier<T> invocation) {
        return record(function, null, invocation);
    }

    /**
     * @param platformRequestId SCF's id of this invocation, null when there is none; logged so that
     *        a line can be found from the platform's console and the other way round
     */
    public <T> T record(String function, String platformRequestId, Supplier<T> invocation) {
        long start = System.nanoTime();
        try {
            T result = invocation.get();
            written(function, platformRequestId, result, null, start);
            return result;
        } catch (RuntimeException failure) {
            written(function, platformRequestId, null, failure, start);
            throw failure;
        }
    }

    /**
     * {@link #record} for an invocation whose outcome arrives later: the line is written when the
     * stage completes (its duration up to then), the same fields, whether the invocation failed on
     * the calling thread (thrown, and rethrown) or later (the stage fails with the same cause).
     */
    public <T> CompletionStage<T> recordAsync(String function, String platformRequestId,
            Supplier<CompletionStage<T>> invocation) {
        long start = System.nanoTime();
        CompletionStage<T> outcome;
        try {
            outcome = invocation.get();
        } catch (RuntimeException failure) {
            written(function, platformRequestId, null, failure, start);
            throw failure;
        }
        return outcome.whenComplete((result, failure) -> written(function, platformRequestId, result,
                failure == null ? null : StageFailure.cause(failure), start));
    }

    /** One line for an outcome: a result, or what was thrown. */
    private static void written(String function, String platformRequestId, Object result, Throwable thrown,
            long start) {
        if (thrown == null) {
            write(function, platformRequestId, describe(result), start);
        } else if (thrown instanceof FunctionFailure failure) {
            write(function, platformRequestId, LoggedOutcome.failed(failure), start);
        } else {
            LOG.errorf(thrown, "%s outcome=error status=500 durationMs=%d platformRequestId=%s", function,
                    millisSince(start), LogValue.of(platformRequestId));
        }
    }

    private static LoggedOutcome describe(Object result) {
        if (result instanceof CreatedElement created) {
            return LoggedOutcome.created(created);
        }
        if (result instanceof LoggedOutcome.Source source) {
            return source.loggedOutcome();
        }
        return LoggedOutcome.ok(null);
    }

    private static void write(String function, String platformRequestId, LoggedOutcome outcome, long start) {
        // A failure of the function's side (500, 502, 503) is worth an operator's attention; a refused input is not.
        Logger.Level level = outcome.status() >= 500 ? Logger.Level.WARN : Logger.Level.INFO;
        LOG.logf(level,
                "%s outcome=%s status=%d code=%s elementId=%s requestId=%s attempts=%d durationMs=%d"
                        + " platformRequestId=%s message=%s",
                function, LogValue.of(outcome.outcome()), outcome.status(), LogValue.of(outcome.code()),
                LogValue.of(outcome.elementId()), LogValue.of(outcome.vodRequestId()), outcome.attempts(),
                millisSince(start), LogValue.of(platformRequestId), LogValue.of(outcome.message()));
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
