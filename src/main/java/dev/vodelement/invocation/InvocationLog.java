package dev.vodelement.invocation;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.vodelement.element.CreatedElement;
import dev.vodelement.failure.FunctionFailure;

/**
 * One log line per invocation: function, outcome, duration, VOD RequestId and attempts. With
 * {@code quarkus.log.console.json.enabled=true} the same line becomes a JSON record.
 */
@ApplicationScoped
public class InvocationLog {

    private static final Logger LOG = Logger.getLogger("dev.vodelement.invocation");

    public <T> T record(String function, Supplier<T> invocation) {
        long start = System.nanoTime();
        try {
            T result = invocation.get();
            if (result instanceof CreatedElement created) {
                LOG.infof("%s outcome=created elementId=%s requestId=%s attempts=%d durationMs=%d", function,
                        created.elementId(), created.requestId(), created.attempts(), millisSince(start));
            } else {
                LOG.infof("%s outcome=ok durationMs=%d", function, millisSince(start));
            }
            return result;
        } catch (FunctionFailure failure) {
            LOG.infof("%s outcome=%s status=%d code=%s requestId=%s attempts=%d durationMs=%d message=%s", function,
                    failure.kind(), failure.kind().httpStatus(), failure.code(), failure.requestId().orElse("-"),
                    failure.attempts(), millisSince(start), failure.getMessage());
            throw failure;
        } catch (RuntimeException unexpected) {
            LOG.errorf(unexpected, "%s outcome=error durationMs=%d", function, millisSince(start));
            throw unexpected;
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
