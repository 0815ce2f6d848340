package dev.vodelement.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.failure.SafeText;
import dev.vodelement.invocation.ErrorBody;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One entry of a COS event's answer: {@code {"Manifest", "Status", "ElementId"?, "Error"?}}. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManifestResult(
        @JsonProperty("Manifest") String manifest,
        @JsonProperty("Status") Status status,
        @JsonProperty("ElementId") String elementId,
        @JsonProperty("Error") ErrorBody.Detail error) {

    public static ManifestResult created(String manifest, String elementId) {
        return new ManifestResult(manifest, Status.CREATED, elementId, null);
    }

    public static ManifestResult existing(String manifest, String elementId) {
        return new ManifestResult(manifest, Status.EXISTING, elementId, null);
    }

    public static ManifestResult rejected(String manifest, FunctionFailure failure) {
        return new ManifestResult(manifest, Status.REJECTED, null,
                new ErrorBody.Detail(failure.code(), SafeText.message(failure.getMessage())));
    }

    public static ManifestResult ignored(String manifest) {
        return new ManifestResult(manifest, Status.IGNORED, null, null);
    }

    /** What became of one record of a COS event. */
    @RegisterForReflection
    public enum Status {
        /** The element was created now and its result object written. */
        CREATED("created"),
        /** The result object already existed (or an earlier invocation's ElementId was recovered): VOD was not called. */
        EXISTING("existing"),
        /** The manifest breaks a rule or VOD refused it; the error object says why. Retrying cannot help. */
        REJECTED("rejected"),
        /** Not a manifest (the key does not end with .element.json) or not an upload. */
        IGNORED("ignored");

        private final String json;

        Status(String json) {
            this.json = json;
        }

        @JsonValue
        public String json() {
            return json;
        }
    }
}
