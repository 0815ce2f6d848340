package dev.vodelement.idempotency;

import dev.vodelement.element.CreatedElement;
import dev.vodelement.invocation.LoggedOutcome;

/**
 * The answer of createElement with or without an idempotency key: the element, and whether it is the
 * recorded answer of an earlier request with the same key ({@code Idempotent-Replayed: true}).
 */
public record IdempotentAnswer(CreatedElement element, boolean replayed) implements LoggedOutcome.Source {

    /** The response header that marks a replayed answer. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    public static IdempotentAnswer created(CreatedElement element) {
        return new IdempotentAnswer(element, false);
    }

    @Override
    public LoggedOutcome loggedOutcome() {
        return replayed ? LoggedOutcome.replayed(element) : LoggedOutcome.created(element);
    }
}
