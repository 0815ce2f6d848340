package dev.vodelement.upload;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.vodelement.invocation.LoggedOutcome;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer to a COS event: {@code {"Results": [...]}}, one entry per record, in record order. */
@RegisterForReflection
public record UploadResults(@JsonProperty("Results") List<ManifestResult> results) implements LoggedOutcome.Source {

    public UploadResults {
        results = List.copyOf(results);
    }

    /**
     * The invocation's line: the ElementIds of the manifests created or found, and how many records
     * ended how. Each manifest has a line of its own too, with its VOD RequestId.
     */
    @Override
    public LoggedOutcome loggedOutcome() {
        String elementIds = results.stream().map(ManifestResult::elementId).filter(Objects::nonNull)
                .collect(Collectors.joining(","));
        Map<ManifestResult.Status, Long> counts = results.stream()
                .collect(Collectors.groupingBy(ManifestResult::status, Collectors.counting()));
        String summary = Arrays.stream(ManifestResult.Status.values())
                .map(status -> status.json() + "=" + counts.getOrDefault(status, 0L))
                .collect(Collectors.joining(" ", "manifests: ", ""));
        return new LoggedOutcome("ok", 200, null, elementIds.isEmpty() ? null : elementIds, null, 0, summary);
    }
}
