package dev.vodelement.element;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The content of {@code <name>.element.result.json}: the element a manifest created. The VOD API
 * cannot list custom elements, so this object is where the ElementId lives.
 */
@RegisterForReflection
public record ElementResultRecord(
        @JsonProperty("ElementId") String elementId,
        @JsonProperty("RequestId") String requestId,
        @JsonProperty("Manifest") String manifest,
        @JsonProperty("CreatedAt") String createdAt) {
}
