package dev.vodelement.invocation;

import jakarta.enterprise.context.RequestScoped;

/** The deadline of the invocation this request context belongs to; see {@link InvocationDeadlines}. */
@RequestScoped
public class CurrentInvocation {

    private InvocationDeadline deadline;

    InvocationDeadline deadline() {
        return deadline;
    }

    void deadline(InvocationDeadline value) {
        this.deadline = value;
    }
}
