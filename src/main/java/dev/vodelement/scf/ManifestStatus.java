package dev.vodelement.scf;

import com.fasterxml.jackson.annotation.JsonValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What became of one record of a COS event. */
@RegisterForReflection
public enum ManifestStatus {
    /** The element was created now and its result object written. */
    CREATED("created"),
    /** The result object already existed (or an earlier invocation's ElementId was recovered): VOD was not called. */
    EXISTING("existing"),
    /** The manifest breaks a rule or VOD refused it; the error object says why. Retrying cannot help. */
    REJECTED("rejected"),
    /** Not a manifest (the key does not end with .element.json) or not an upload. */
    IGNORED("ignored");

    private final String json;

    ManifestStatus(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }
}
