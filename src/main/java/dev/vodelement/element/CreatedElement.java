package dev.vodelement.element;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer of a successful create: VOD's ElementId and RequestId. */
@RegisterForReflection
public record CreatedElement(
        @JsonProperty("ElementId") String elementId,
        @JsonProperty("RequestId") String requestId,
        @JsonIgnore int attempts) {
}
