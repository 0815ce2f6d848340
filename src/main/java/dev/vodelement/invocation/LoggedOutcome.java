package dev.vodelement.invocation;

import dev.vodelement.element.CreatedElement;
import dev.vodelement.failure.FunctionFailure;

/**
 * What an invocation's log line says of its outcome, the same fields for every trigger: outcome,
 * HTTP status (the one answered, or the one the gateway shows), error code, ElementId, VOD
 * RequestId, VOD attempts and a message. Absent values are logged as {@code -}.
 */
public record LoggedOutcome(String outcome, int status, String code, String elementId, String vodRequestId,
        int attempts, String message) {

    /** An answer that knows its own outcome, e.g. an API Gateway response or a COS event's results. */
    public interface Source {
        LoggedOutcome loggedOutcome();
    }

    public static LoggedOutcome created(CreatedElement created) {
        return new LoggedOutcome("created", 200, null, created.elementId(), created.requestId(), created.attempts(),
                null);
    }

    /** The recorded answer of an earlier request with the same idempotency key: no VOD call. */
    public static LoggedOutcome replayed(CreatedElement recorded) {
        return new LoggedOutcome("replayed", 200, null, recorded.elementId(), recorded.requestId(), 0,
                "Idempotency-Key replay");
    }

    public static LoggedOutcome failed(FunctionFailure failure) {
        return new LoggedOutcome(failure.kind().toString(), failure.kind().httpStatus(), failure.code(), null,
                failure.requestId().orElse(null), failure.attempts(), failure.getMessage());
    }

    /** A failure answered without a {@link FunctionFailure}, e.g. a method other than POST. */
    public static LoggedOutcome refused(ErrorAnswer answer) {
        return new LoggedOutcome("refused", answer.status(), answer.body().error().code(), null, null, 0,
                answer.body().error().message());
    }

    /** A failure of the function's own (the log has its stack trace too). */
    public static LoggedOutcome error(ErrorAnswer answer) {
        return new LoggedOutcome("error", answer.status(), answer.body().error().code(), null, null, 0, null);
    }

    /** Success without an element of its own, e.g. a validation report. */
    public static LoggedOutcome ok(String message) {
        return new LoggedOutcome("ok", 200, null, null, null, 0, message);
    }
}
