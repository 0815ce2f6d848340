package dev.vodelement.function;

import java.util.Optional;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vodelement.caller.CallerCheck;
import dev.vodelement.element.CreatedElement;
import dev.vodelement.element.ElementRequestParser;
import dev.vodelement.element.ElementService;
import dev.vodelement.element.ValidationReport;
import dev.vodelement.idempotency.IdempotencyKey;
import dev.vodelement.idempotency.IdempotentAnswer;
import dev.vodelement.idempotency.IdempotentCreate;
import dev.vodelement.idempotency.KeyScope;
import dev.vodelement.invocation.FunctionNames;
import dev.vodelement.invocation.InvocationDeadlines;
import dev.vodelement.invocation.InvocationLog;

import io.quarkus.funqy.Funq;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * The HTTP functions. Input arrives as a JSON tree so that a body of the wrong shape is answered
 * with the field and rule it breaks rather than a generic mapping error.
 */
public class ElementFunctions {

    @Inject
    ElementRequestParser parser;

    @Inject
    ElementService service;

    @Inject
    InvocationLog log;

    @Inject
    InvocationDeadlines deadlines;

    @Inject
    IdempotentCreate idempotent;

    @Inject
    CallerCheck callers;

    @Inject
    CurrentVertxRequest request;

    /**
     * With an {@code Idempotency-Key} header, a repeat gets the first request's answer, marked with
     * {@code Idempotent-Replayed: true} ({@link IdempotentCreate}); the key is checked before the body.
     */
    @Funq(FunctionNames.CREATE_ELEMENT)
    public CreatedElement createElement(JsonNode body) {
        deadlines.begin(Optional.empty());
        var http = request.getCurrent();
        IdempotentAnswer answer = log.record(FunctionNames.CREATE_ELEMENT, platformRequestId(), () -> idempotent.create(
                IdempotencyKey.fromHeader(http.request().headers().getAll(IdempotencyKey.HEADER)),
                KeyScope.of(callers.admittedToken(http.request().getHeader("Authorization")), Optional.empty()),
                () -> parser.parse(body), Optional.empty()));
        if (answer.replayed()) {
            http.response().putHeader(IdempotentAnswer.REPLAYED_HEADER, "true");
        }
        return answer.element();
    }

    /** Creates nothing, so an {@code Idempotency-Key} header means nothing here and is ignored. */
    @Funq(FunctionNames.VALIDATE_ELEMENT)
    public ValidationReport validateElement(JsonNode body) {
        deadlines.begin(Optional.empty());
        return log.record(FunctionNames.VALIDATE_ELEMENT, platformRequestId(),
                () -> service.validate(parser.parse(body)));
    }

    /** SCF's id of this invocation when SCF passed the call on (a web function), for the log line. */
    private String platformRequestId() {
        return request.getCurrent().request().getHeader(InvocationLog.SCF_REQUEST_ID_HEADER);
    }
}
