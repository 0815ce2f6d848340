package dev.vodelement.invocation;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * {@link InvocationDeadlines#resumed}: a step continued after its request context has ended draws
 * from its invocation's deadline, only while it runs, and nested steps restore the outer one.
 */
class ResumedDeadlineTest {

    private final InvocationDeadlines deadlines = InvocationDeadlines.defaults();
    private final InvocationDeadline invocation = InvocationDeadline.startingNow(Duration.ofSeconds(7),
            Optional.empty(), Duration.ofSeconds(3));

    @Test
    void withinTheStepTheResumedDeadlineIsTheCurrentOne() {
        assertSame(invocation, deadlines.resumed(invocation, deadlines::current));
        assertNotSame(invocation, deadlines.current(), "after the step, a fresh deadline again");
    }

    @Test
    void aNestedStepRestoresTheOuterDeadline() {
        InvocationDeadline inner = InvocationDeadline.startingNow(Duration.ofSeconds(5), Optional.empty(),
                Duration.ZERO);
        assertSame(invocation, deadlines.resumed(invocation, () -> {
            assertSame(inner, deadlines.resumed(inner, deadlines::current));
            return deadlines.current();
        }));
    }

    @Test
    void aFailingStepLeavesNoDeadlineBehind() {
        assertThrows(IllegalStateException.class, () -> deadlines.resumed(invocation, () -> {
            throw new IllegalStateException("step failed");
        }));
        assertNotSame(invocation, deadlines.current());
    }
}
