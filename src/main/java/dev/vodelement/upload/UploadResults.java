package dev.vodelement.upload;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer to a COS event: {@code {"Results": [...]}}, one entry per record, in record order. */
@RegisterForReflection
public record UploadResults(@JsonProperty("Results") List<ManifestResult> results) {

    public UploadResults {
        results = List.copyOf(results);
    }
}
