package dev.vodelement.element;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What was learned about one image: its field, URL, real format, dimensions and size in bytes. */
@RegisterForReflection
public record ImageFacts(
        @JsonProperty("Field") String field,
        @JsonProperty("Url") String url,
        @JsonProperty("Format") String format,
        @JsonProperty("Width") int width,
        @JsonProperty("Height") int height,
        @JsonProperty("Bytes") long bytes) {
}
