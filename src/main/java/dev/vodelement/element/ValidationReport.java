package dev.vodelement.element;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer of {@code validateElement}: every check passed, and what each image turned out to be. */
@RegisterForReflection
public record ValidationReport(
        @JsonProperty("Valid") boolean valid,
        @JsonProperty("Images") List<ImageFacts> images) {
}
