package dev.vodelement.element;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One reference image of the subject from another angle; the VOD API's {@code ElementReferInfo}. */
@RegisterForReflection
public record ElementReferInfo(@JsonProperty("ImageUrl") String imageUrl) {
}
