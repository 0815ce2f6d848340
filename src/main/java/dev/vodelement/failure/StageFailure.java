package dev.vodelement.failure;

import java.util.concurrent.CompletionException;

/** What an asynchronous stage failed with, as its code threw it. */
public final class StageFailure {

    private StageFailure() {
    }

    /**
     * The cause a {@link CompletionException} wraps (a stage that depends on a failed one fails with
     * the original wrapped), else {@code failure} itself: a {@link FunctionFailure} thrown inside a
     * stage is logged and answered as the same failure thrown directly.
     */
    public static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
