package dev.vodelement.invocation;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.failure.FunctionFailure;

/**
 * How a failure leaves the function, whatever the trigger: the contract's status, the headers that
 * go with it ({@code Retry-After}, {@code Allow}) and the JSON error body. The HTTP entry, API
 * Gateway responses and Custom Runtime error reports are all made from it, so that one failure
 * answers the same everywhere.
 */
public record ErrorAnswer(int status, Map<String, String> headers, ErrorBody body) {

    public ErrorAnswer {
        headers = Map.copyOf(headers);
    }

    /**
     * The answer to whatever escaped a function: a {@link FunctionFailure} (also when wrapped, as
     * Funqy wraps what a function throws) answers with its own status and body; anything else is the
     * function's own fault, answered 500 without detail (the log has it).
     */
    public static ErrorAnswer of(Throwable escaped) {
        FunctionFailure failure = functionFailure(escaped);
        return failure == null ? unexpected() : of(failure);
    }

    public static ErrorAnswer of(FunctionFailure failure) {
        Map<String, String> headers = failure.retryAfterHeader().map(seconds -> Map.of("Retry-After", seconds))
                .orElse(Map.of());
        return new ErrorAnswer(failure.kind().httpStatus(), headers, ErrorBody.of(failure));
    }

    /** A failure of the function's own. */
    public static ErrorAnswer unexpected() {
        return new ErrorAnswer(500, Map.of(), ErrorBody.internalError());
    }

    /** A function called with another method than POST. */
    public static ErrorAnswer postOnly() {
        return new ErrorAnswer(405, Map.of("Allow", "POST"), ErrorBody.postOnly());
    }

    /** The failure a Funqy or CDI wrapper carries, if any. */
    public static FunctionFailure functionFailure(Throwable escaped) {
        for (Throwable t = escaped; t != null; t = t.getCause()) {
            if (t instanceof FunctionFailure f) {
                return f;
            }
        }
        return null;
    }

    /** {@code Content-Type: application/json} and this answer's own headers. */
    public Map<String, String> responseHeaders() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", "application/json");
        all.putAll(headers);
        return all;
    }

    /** The body as JSON text; should serialization itself fail, the internal-error body. */
    public String json(ObjectMapper mapper) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            return ErrorBody.INTERNAL_ERROR_JSON;
        }
    }
}
