package dev.vodelement.upload;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.failure.SafeText;
import dev.vodelement.invocation.ErrorBody;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The content of {@code <name>.element.error.json}: why a manifest was rejected for good. VOD's
 * RequestId is added when VOD was the one refusing, for Tencent Cloud support.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ElementErrorRecord(
        @JsonProperty("Error") ErrorBody.Detail error,
        @JsonProperty("Manifest") String manifest,
        @JsonProperty("At") String at,
        @JsonProperty("RequestId") String requestId) {

    public static ElementErrorRecord of(FunctionFailure failure, ManifestKey manifest, Instant at) {
        return new ElementErrorRecord(new ErrorBody.Detail(failure.code(), SafeText.message(failure.getMessage())),
                manifest.key(), at.toString(), failure.requestId().orElse(null));
    }
}
