package dev.vodelement.scf;

import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.invocation.ErrorAnswer;

/**
 * Turns the work an HTTP-carrying event asks for into the HTTP answer its trigger gives the caller
 * ({@code statusCode}, {@code headers}, {@code body}, {@code isBase64Encoded}): the API Gateway's
 * integration response and the function URL's response have the same fields. Failures become the
 * status and JSON body the HTTP functions would answer; the invocation itself succeeds.
 */
@ApplicationScoped
public class HttpEventResponder {

    private static final Logger LOG = Logger.getLogger(HttpEventResponder.class);

    private final ObjectMapper mapper;

    public HttpEventResponder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @param trigger names the kind of event in the log when the work fails unexpectedly */
    public IntegrationResponse answer(Supplier<?> work, String trigger) {
        try {
            return ok(work.get());
        } catch (FunctionFailure failure) {
            return failed(ErrorAnswer.of(failure));
        } catch (RuntimeException unexpected) {
            LOG.error("unexpected failure of " + trigger, unexpected);
            return failed(ErrorAnswer.unexpected());
        }
    }

    public IntegrationResponse failed(ErrorAnswer answer) {
        return new IntegrationResponse(false, answer.status(), answer.responseHeaders(), answer.json(mapper));
    }

    private IntegrationResponse ok(Object body) {
        try {
            return new IntegrationResponse(false, 200, Map.of("Content-Type", "application/json"),
                    mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an HTTP event's answer", e);
        }
    }
}
