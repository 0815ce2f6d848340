package dev.vodelement.scf.runtime;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.invocation.ErrorAnswer;
import dev.vodelement.scf.EventHandler;
import dev.vodelement.invocation.ErrorBody;
import dev.vodelement.invocation.FunctionNames;
import dev.vodelement.invocation.InvocationDeadlines;
import dev.vodelement.invocation.InvocationLog;
import dev.vodelement.invocation.JsonInput;

/**
 * An event as text in, an answer as text out, for the Custom Runtime loop: the same
 * {@link EventHandler} and the same invocation log line as {@code /event-invoke}, and the same JSON
 * error bodies, with failures reported as errors (so that SCF retries asynchronous events) instead
 * of HTTP statuses. Nothing escapes as an exception: a broken event must not stop the loop.
 */
@ApplicationScoped
public class RawEventInvoker {

    private final EventHandler events;
    private final InvocationLog log;
    private final ObjectMapper mapper;
    private final InvocationDeadlines deadlines;

    public RawEventInvoker(EventHandler events, InvocationLog log, ObjectMapper mapper, InvocationDeadlines deadlines) {
        this.events = events;
        this.log = log;
        this.mapper = mapper;
        this.deadlines = deadlines;
    }

    /**
     * Runs in a request context of its own, like an HTTP invocation.
     *
     * @param platformRequestId SCF's id of this invocation (the runtime API's {@code Request_Id}), or null
     * @param timeLimit the invocation's time limit (the runtime API's {@code Time_Limit_In_Ms}), when told
     */
    @ActivateRequestContext
    public InvocationOutcome invoke(String event, String platformRequestId, Optional<Duration> timeLimit) {
        deadlines.begin(timeLimit);
        try {
            JsonNode answer = log.record(FunctionNames.EVENT_INVOKE, platformRequestId,
                    () -> events.handle(JsonInput.parse(mapper, event, "event"), Optional.empty())).body();
            return InvocationOutcome.response(mapper.writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            return InvocationOutcome.error(ErrorBody.INTERNAL_ERROR_JSON);
        } catch (RuntimeException failure) {
            // InvocationLog has logged it, with its stack trace when it was unexpected.
            return InvocationOutcome.error(ErrorAnswer.of(failure).json(mapper));
        }
    }
}
