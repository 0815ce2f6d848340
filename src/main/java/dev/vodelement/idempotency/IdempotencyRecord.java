package dev.vodelement.idempotency;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The content of a key's record object: the answer its first request got (VOD's ElementId and
 * RequestId), the fingerprint of that request, and when it was created. Neither the key nor anything
 * secret is kept.
 */
@RegisterForReflection
public record IdempotencyRecord(
        @JsonProperty("ElementId") String elementId,
        @JsonProperty("RequestId") String requestId,
        @JsonProperty("Fingerprint") String fingerprint,
        @JsonProperty("CreatedAt") String createdAt) {

    /** When the record was made; empty when it says nothing readable. */
    @JsonIgnore
    public Optional<Instant> created() {
        try {
            return createdAt == null ? Optional.empty() : Optional.of(Instant.parse(createdAt));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Whether it can answer a repeat: an ElementId, and made less than {@code retention} before {@code now}. */
    public boolean answersAt(Instant now, java.time.Duration retention) {
        return elementId != null && !elementId.isEmpty()
                && created().map(at -> at.plus(retention).isAfter(now)).orElse(false);
    }
}
