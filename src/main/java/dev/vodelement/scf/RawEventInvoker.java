package dev.vodelement.scf;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.failure.ErrorBody;
import dev.vodelement.failure.FunctionFailure;

/**
 * An event as text in, an answer as text out, for the Custom Runtime loop: the same
 * {@link EventHandler} as {@code /event-invoke}, and the same JSON error bodies, with failures
 * reported as errors (so that SCF retries asynchronous events) instead of HTTP statuses. Nothing
 * escapes as an exception: a broken event must not stop the loop.
 */
@ApplicationScoped
public class RawEventInvoker {

    private static final Logger LOG = Logger.getLogger("dev.vodelement.invocation");
    private static final String INTERNAL_ERROR =
            "{\"Error\":{\"Code\":\"InternalError\",\"Message\":\"the function failed unexpectedly; see its logs\"}}";

    private final EventHandler events;
    private final ObjectMapper mapper;

    public RawEventInvoker(EventHandler events, ObjectMapper mapper) {
        this.events = events;
        this.mapper = mapper;
    }

    /** Runs in a request context of its own, like an HTTP invocation. */
    @ActivateRequestContext
    public InvocationOutcome invoke(String event) {
        long start = System.nanoTime();
        try {
            JsonNode answer = events.handle(JsonText.parse(mapper, event, "event"), Optional.empty());
            LOG.infof("event-invoke outcome=ok durationMs=%d", millisSince(start));
            return InvocationOutcome.response(mapper.writeValueAsString(answer));
        } catch (FunctionFailure failure) {
            LOG.infof("event-invoke outcome=%s status=%d code=%s requestId=%s durationMs=%d message=%s",
                    failure.kind(), failure.kind().httpStatus(), failure.code(), failure.requestId().orElse("-"),
                    millisSince(start), failure.getMessage());
            return InvocationOutcome.error(json(ErrorBody.of(failure)));
        } catch (JsonProcessingException | RuntimeException unexpected) {
            LOG.errorf(unexpected, "event-invoke outcome=error durationMs=%d", millisSince(start));
            return InvocationOutcome.error(INTERNAL_ERROR);
        }
    }

    private String json(ErrorBody body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            return INTERNAL_ERROR;
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
