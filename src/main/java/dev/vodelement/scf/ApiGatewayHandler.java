package dev.vodelement.scf;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.element.ElementRequestParser;
import dev.vodelement.element.ElementService;
import dev.vodelement.invocation.ErrorAnswer;
import dev.vodelement.invocation.JsonInput;

/**
 * An API Gateway event carries a createElement request in its {@code body}; the answer is an
 * integration response whose status and body are exactly what {@code POST /createElement} would
 * answer, failures included (the invocation itself succeeds: the gateway shows the status).
 * Kept for deployments made before the function URL replaced the API Gateway trigger.
 */
@ApplicationScoped
public class ApiGatewayHandler {

    private final ElementRequestParser parser;
    private final ElementService elements;
    private final HttpEventResponder responder;
    private final ObjectMapper mapper;

    public ApiGatewayHandler(ElementRequestParser parser, ElementService elements, HttpEventResponder responder,
            ObjectMapper mapper) {
        this.parser = parser;
        this.elements = elements;
        this.responder = responder;
        this.mapper = mapper;
    }

    public HttpEventAnswer handle(JsonNode event, Optional<TencentCredentials> credentials) {
        HttpEventRequest request = HttpEventRequest.of(event);
        if (!request.isPost()) {
            return responder.refused(ErrorAnswer.postOnly());
        }
        return responder.answer(() -> elements.create(
                parser.parse(JsonInput.parse(mapper, request.bodyText(), "request body")), credentials),
                "an API Gateway event");
    }
}
