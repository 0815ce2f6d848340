package dev.vodelement.failure;

/**
 * Why an invocation failed, which decides the HTTP status a caller sees and whether an
 * upload event is worth retrying.
 */
public enum FailureKind {
    /** The request breaks a field or image rule: retrying the same input cannot help. */
    INVALID_REQUEST(400, false),
    /** VOD refused the call for a reason retrying cannot fix (auth, parameters, quota). */
    REJECTED_BY_VOD(502, false),
    /** VOD (or storage) was unreachable, rate-limited or failing after every retry. */
    UNAVAILABLE(503, true),
    /** The function itself is misconfigured, e.g. it has no credentials. */
    MISCONFIGURED(500, true),
    /**
     * Another request with the same idempotency key is still being processed: the same request may
     * succeed (or be answered from its record) later.
     */
    IN_PROGRESS(409, true),
    /** The idempotency key was used for another request: sending this one again with it cannot help. */
    KEY_REUSED(422, false);

    private final int httpStatus;
    private final boolean transientCause;

    FailureKind(int httpStatus, boolean transientCause) {
        this.httpStatus = httpStatus;
        this.transientCause = transientCause;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** True when the same input may succeed later, so an asynchronous trigger should retry. */
    public boolean isTransient() {
        return transientCause;
    }
}
