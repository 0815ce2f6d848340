package dev.vodelement.function;

import java.util.Optional;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vodelement.element.CreatedElement;
import dev.vodelement.element.ElementRequestParser;
import dev.vodelement.element.ElementService;
import dev.vodelement.element.ValidationReport;
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
    CurrentVertxRequest request;

    @Funq(FunctionNames.CREATE_ELEMENT)
    public CreatedElement createElement(JsonNode body) {
        deadlines.begin(Optional.empty());
        return log.record(FunctionNames.CREATE_ELEMENT, platformRequestId(),
                () -> service.create(parser.parse(body), Optional.empty()));
    }

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
