package dev.vodelement.invocation;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.vodelement.config.InvocationConfig;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;

/**
 * Where every step finds its invocation's {@link InvocationDeadline}. The entry points (the HTTP
 * functions, the Custom Runtime loop) {@link #begin} it; it is held in the request context, which
 * every invocation has, so that the services in between need no extra parameter. A step run
 * outside any invocation (no request context, or a class built by hand in a test) gets a fresh
 * deadline of the configured timeout.
 */
@ApplicationScoped
public class InvocationDeadlines {

    /** The deadline of an invocation resumed on this thread ({@link #resumed}); wins over the request context's. */
    private static final ThreadLocal<InvocationDeadline> RESUMED = new ThreadLocal<>();

    private final Duration timeout;
    private final Duration reserve;
    private final CurrentInvocation current;

    @Inject
    public InvocationDeadlines(InvocationConfig config, CurrentInvocation current) {
        this(config.timeout(), config.recordReserve(), current);
    }

    private InvocationDeadlines(Duration timeout, Duration reserve, CurrentInvocation current) {
        this.timeout = timeout;
        this.reserve = reserve;
        this.current = current;
    }

    /** Outside CDI: every step gets a fresh deadline of {@code timeout}. */
    public static InvocationDeadlines standalone(Duration timeout, Duration reserve) {
        return new InvocationDeadlines(timeout, reserve, null);
    }

    /** The documented defaults (30 s, 3 s reserve), for classes built by hand. */
    public static InvocationDeadlines defaults() {
        return standalone(Duration.ofSeconds(30), Duration.ofSeconds(3));
    }

    /**
     * Starts this invocation's deadline; call it first thing at an entry point.
     *
     * @param platformRemaining the time SCF says the invocation has, when it says so
     */
    public InvocationDeadline begin(Optional<Duration> platformRemaining) {
        InvocationDeadline deadline = InvocationDeadline.startingNow(timeout, platformRemaining, reserve);
        if (inInvocation()) {
            current.deadline(deadline);
        }
        return deadline;
    }

    /**
     * Runs a step of an invocation that continues on this thread after its request context has ended
     * (an HTTP function's work after its images were checked asynchronously): within it,
     * {@link #current} is {@code deadline}, so that every step below (COS requests, VOD calls) draws
     * from the invocation's deadline, not a fresh one.
     */
    public <T> T resumed(InvocationDeadline deadline, Supplier<T> step) {
        InvocationDeadline outer = RESUMED.get();
        RESUMED.set(deadline);
        try {
            return step.get();
        } finally {
            if (outer == null) {
                RESUMED.remove();
            } else {
                RESUMED.set(outer);
            }
        }
    }

    /** The current invocation's deadline (started now if its entry point did not). */
    public InvocationDeadline current() {
        InvocationDeadline resumed = RESUMED.get();
        if (resumed != null) {
            return resumed;
        }
        if (!inInvocation()) {
            return InvocationDeadline.startingNow(timeout, Optional.empty(), reserve);
        }
        InvocationDeadline deadline = current.deadline();
        return deadline != null ? deadline : begin(Optional.empty());
    }

    private boolean inInvocation() {
        if (current == null) {
            return false;
        }
        ArcContainer container = Arc.container();
        return container != null && container.requestContext().isActive();
    }
}
