package dev.vodelement.invocation;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.vodelement.failure.FunctionFailure;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The contract's failure body: {@code {"Error": {"Code", "Message"}, "RequestId"?}}. When several
 * rules are broken at once, {@code Errors} lists each of them (an addition to the contract).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(
        @JsonProperty("Error") Detail error,
        @JsonProperty("Errors") List<Detail> errors,
        @JsonProperty("RequestId") String requestId) {

    private static final String INTERNAL_ERROR_CODE = "InternalError";
    private static final String INTERNAL_ERROR_MESSAGE = "the function failed unexpectedly; see its logs";

    /**
     * {@link #internalError()} as JSON text, for where no serializer can be used: the Custom Runtime
     * loop (which has no JSON mapper) and the case where serializing an answer itself failed.
     */
    public static final String INTERNAL_ERROR_JSON = "{\"Error\":{\"Code\":\"" + INTERNAL_ERROR_CODE
            + "\",\"Message\":\"" + INTERNAL_ERROR_MESSAGE + "\"}}";

    @RegisterForReflection
    public record Detail(@JsonProperty("Code") String code, @JsonProperty("Message") String message) {
    }

    public static ErrorBody of(FunctionFailure failure) {
        List<Detail> all = failure.violations().size() > 1
                ? failure.violations().stream().map(v -> new Detail(v.code(), v.message())).toList()
                : null;
        return new ErrorBody(new Detail(failure.code(), failure.getMessage()), all, failure.requestId().orElse(null));
    }

    /** The answer to a function called with another method than POST. */
    public static ErrorBody postOnly() {
        return of("UnsupportedOperation", "functions are invoked with POST");
    }

    /** The answer to a failure of the function's own: no detail leaves, the logs have it. */
    public static ErrorBody internalError() {
        return of(INTERNAL_ERROR_CODE, INTERNAL_ERROR_MESSAGE);
    }

    public static ErrorBody of(String code, String message) {
        return new ErrorBody(new Detail(code, message), null, null);
    }
}
