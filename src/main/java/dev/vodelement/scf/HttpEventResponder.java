package dev.vodelement.scf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.element.CreatedElement;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.idempotency.IdempotentAnswer;
import dev.vodelement.invocation.ErrorAnswer;
import dev.vodelement.invocation.LoggedOutcome;

/**
 * Turns the work an HTTP-carrying event asks for into the HTTP answer its trigger gives the caller
 * ({@code statusCode}, {@code headers}, {@code body}, {@code isBase64Encoded}): the API Gateway's
 * integration response and the function URL's response have the same fields. Failures become the
 * status and JSON body the HTTP functions would answer; the invocation itself succeeds. A replayed
 * createElement answer carries {@code Idempotent-Replayed: true} in its headers, as over HTTP.
 */
@ApplicationScoped
public class HttpEventResponder {

    private static final Logger LOG = Logger.getLogger(HttpEventResponder.class);

    private final ObjectMapper mapper;

    public HttpEventResponder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @param trigger names the kind of event in the log when the work fails unexpectedly */
    public HttpEventAnswer answer(Supplier<?> work, String trigger) {
        try {
            Object result = work.get();
            if (result instanceof IdempotentAnswer answer) {
                return new HttpEventAnswer(ok(answer.element(), answer.replayed()
                        ? Map.of(IdempotentAnswer.REPLAYED_HEADER, "true") : Map.of()), answer.loggedOutcome());
            }
            return new HttpEventAnswer(ok(result, Map.of()), result instanceof CreatedElement created
                    ? LoggedOutcome.created(created) : LoggedOutcome.ok("valid"));
        } catch (FunctionFailure failure) {
            return new HttpEventAnswer(response(ErrorAnswer.of(failure)), LoggedOutcome.failed(failure));
        } catch (RuntimeException unexpected) {
            LOG.error("unexpected failure of " + trigger, unexpected);
            ErrorAnswer internal = ErrorAnswer.unexpected();
            return new HttpEventAnswer(response(internal), LoggedOutcome.error(internal));
        }
    }

    /** A request refused before any work (wrong method, unknown path, no valid caller token). */
    public HttpEventAnswer refused(ErrorAnswer answer) {
        return new HttpEventAnswer(response(answer), LoggedOutcome.refused(answer));
    }

    private IntegrationResponse response(ErrorAnswer answer) {
        return new IntegrationResponse(false, answer.status(), answer.responseHeaders(), answer.json(mapper));
    }

    private IntegrationResponse ok(Object body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", "application/json");
        all.putAll(headers);
        try {
            return new IntegrationResponse(false, 200, all, mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an HTTP event's answer", e);
        }
    }
}
