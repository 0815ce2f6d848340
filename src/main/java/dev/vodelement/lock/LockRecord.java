package dev.vodelement.lock;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.vodelement.element.ElementResultRecord;

/**
 * The content of a lock object: who holds it, since when, and until when (the holder's own
 * deadline, the function timeout after {@code TakenAt}, plus a grace). When an invocation created the
 * element but could not write the result object, it leaves the ElementId here so that the retry
 * records it instead of creating a second element. {@code Manifest} is the key of what the lock
 * guards (for an idempotency record, the record object); {@code Fingerprint}, only in the lock of an
 * idempotency record, is the digest of the request its holder works on.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LockRecord(
        @JsonProperty("Holder") String holder,
        @JsonProperty("Manifest") String manifest,
        @JsonProperty("TakenAt") String takenAt,
        @JsonProperty("ExpiresAt") String expiresAt,
        @JsonProperty("ElementId") String elementId,
        @JsonProperty("RequestId") String requestId,
        @JsonProperty("CreatedAt") String createdAt,
        @JsonProperty("Fingerprint") String fingerprint) {

    public boolean holdsCreatedElement() {
        return elementId != null && !elementId.isEmpty();
    }

    public ElementResultRecord result() {
        return new ElementResultRecord(elementId, requestId, manifest, createdAt);
    }
}
