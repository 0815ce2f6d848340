package dev.vodelement.scf;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.vodelement.failure.ErrorBody;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.failure.SafeText;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One entry of a COS event's answer: {@code {"Manifest", "Status", "ElementId"?, "Error"?}}. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManifestResult(
        @JsonProperty("Manifest") String manifest,
        @JsonProperty("Status") ManifestStatus status,
        @JsonProperty("ElementId") String elementId,
        @JsonProperty("Error") ErrorBody.Detail error) {

    public static ManifestResult created(String manifest, String elementId) {
        return new ManifestResult(manifest, ManifestStatus.CREATED, elementId, null);
    }

    public static ManifestResult existing(String manifest, String elementId) {
        return new ManifestResult(manifest, ManifestStatus.EXISTING, elementId, null);
    }

    public static ManifestResult rejected(String manifest, FunctionFailure failure) {
        return new ManifestResult(manifest, ManifestStatus.REJECTED, null,
                new ErrorBody.Detail(failure.code(), SafeText.message(failure.getMessage())));
    }

    public static ManifestResult ignored(String manifest) {
        return new ManifestResult(manifest, ManifestStatus.IGNORED, null, null);
    }
}
