package dev.vodelement.failure;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one exception type that crosses package boundaries: it carries exactly what the contract
 * shows a caller (code, message, VOD RequestId) and nothing else. Messages are written for callers,
 * so they must never contain secrets; there is no stack trace because these are expected outcomes.
 */
public final class FunctionFailure extends RuntimeException {

    /**
     * The {@code Retry-After} of every UNAVAILABLE failure the function reports on its own (COS, a
     * busy manifest, an interrupted check); VOD's own follow {@code vod.retry.retry-after}, 5 s by default.
     */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final FailureKind kind;
    private final String code;
    private final String requestId;
    private final Duration retryAfter;
    private final List<Violation> violations;
    private final int attempts;

    private FunctionFailure(FailureKind kind, String code, String message, String requestId,
            Duration retryAfter, List<Violation> violations, int attempts) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.requestId = requestId;
        this.retryAfter = retryAfter;
        this.violations = List.copyOf(violations);
        this.attempts = attempts;
    }

    /** A 400 listing every broken rule; the first one gives the code. */
    public static FunctionFailure invalid(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid request needs at least one violation");
        }
        String message = violations.stream().map(Violation::message).collect(Collectors.joining("; "));
        return new FunctionFailure(FailureKind.INVALID_REQUEST, violations.get(0).code(), message, null, null,
                violations, 0);
    }

    public static FunctionFailure invalid(String code, String message) {
        return invalid(List.of(new Violation(code, message)));
    }

    public static FunctionFailure rejectedByVod(String code, String message, String requestId, int attempts) {
        return new FunctionFailure(FailureKind.REJECTED_BY_VOD, code, message, requestId, null, List.of(), attempts);
    }

    public static FunctionFailure unavailable(String code, String message, String requestId, Duration retryAfter,
            int attempts) {
        return new FunctionFailure(FailureKind.UNAVAILABLE, code, message, requestId, retryAfter, List.of(), attempts);
    }

    /** UNAVAILABLE with the function's own {@link #RETRY_AFTER}. */
    public static FunctionFailure unavailable(String code, String message, String requestId, int attempts) {
        return unavailable(code, message, requestId, RETRY_AFTER, attempts);
    }

    /** A 409: the same idempotency key is in flight; the caller may try again after {@code retryAfter}. */
    public static FunctionFailure inProgress(String code, String message, Duration retryAfter) {
        return new FunctionFailure(FailureKind.IN_PROGRESS, code, message, null, retryAfter, List.of(), 0);
    }

    /** A 422: the idempotency key already stands for another request. */
    public static FunctionFailure keyReused(String code, String message) {
        return new FunctionFailure(FailureKind.KEY_REUSED, code, message, null, null, List.of(), 0);
    }

    public static FunctionFailure misconfigured(String code, String message) {
        return new FunctionFailure(FailureKind.MISCONFIGURED, code, message, null, null, List.of(), 0);
    }

    public FailureKind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * How long a caller should wait before trying again; present for {@link FailureKind#UNAVAILABLE}
     * and {@link FailureKind#IN_PROGRESS}.
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The {@code Retry-After} header value in whole seconds, at least 1; present when {@link #retryAfter()} is. */
    public Optional<String> retryAfterHeader() {
        return retryAfter().map(wait -> Long.toString(Math.max(1, wait.toSeconds())));
    }

    /** Every broken rule of an invalid request (one or more); empty for other kinds. */
    public List<Violation> violations() {
        return violations;
    }

    /** VOD calls made before giving up (0 when VOD was never called). */
    public int attempts() {
        return attempts;
    }

    @Override
    public String toString() {
        return "FunctionFailure[" + kind + " " + code + ": " + getMessage() + "]";
    }
}
