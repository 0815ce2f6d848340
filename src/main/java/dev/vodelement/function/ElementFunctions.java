package dev.vodelement.function;

import java.util.Optional;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vodelement.element.CreatedElement;
import dev.vodelement.element.ElementRequestParser;
import dev.vodelement.element.ElementService;
import dev.vodelement.element.ValidationReport;
import io.quarkus.funqy.Funq;

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

    @Funq("createElement")
    public CreatedElement createElement(JsonNode body) {
        return log.record("createElement", () -> service.create(parser.parse(body), Optional.empty()));
    }

    @Funq("validateElement")
    public ValidationReport validateElement(JsonNode body) {
        return log.record("validateElement", () -> service.validate(parser.parse(body)));
    }
}
