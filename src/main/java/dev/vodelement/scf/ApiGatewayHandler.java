package dev.vodelement.scf;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.element.ElementRequestParser;
import dev.vodelement.idempotency.IdempotencyKey;
import dev.vodelement.idempotency.IdempotentCreate;
import dev.vodelement.idempotency.KeyScope;
import dev.vodelement.invocation.ErrorAnswer;
import dev.vodelement.invocation.JsonInput;

/**
 * An API Gateway event carries a createElement request in its {@code body}; the answer is an
 * integration response whose status and body are exactly what {@code POST /createElement} would
 * answer, failures included (the invocation itself succeeds: the gateway shows the status).
 * Kept for deployments made before the function URL replaced the API Gateway trigger. An
 * {@code Idempotency-Key} in the event's headers works as on {@code POST /createElement}, scoped by
 * the gateway's {@code requestContext.identity.secretId} when it carries one.
 */
@ApplicationScoped
public class ApiGatewayHandler {

    private final ElementRequestParser parser;
    private final IdempotentCreate idempotent;
    private final HttpEventResponder responder;
    private final ObjectMapper mapper;

    public ApiGatewayHandler(ElementRequestParser parser, IdempotentCreate idempotent, HttpEventResponder responder,
            ObjectMapper mapper) {
        this.parser = parser;
        this.idempotent = idempotent;
        this.responder = responder;
        this.mapper = mapper;
    }

    public HttpEventAnswer handle(JsonNode event, Optional<TencentCredentials> credentials) {
        HttpEventRequest request = HttpEventRequest.of(event);
        if (!request.isPost()) {
            return responder.refused(ErrorAnswer.postOnly());
        }
        // The gateway's key pair of the caller's app, when it authenticates with one: scopes idempotency keys.
        Optional<String> secretId = Optional.ofNullable(event.path("requestContext").path("identity")
                .path("secretId").textValue());
        return responder.answer(() -> idempotent.create(
                IdempotencyKey.fromHeader(request.header(IdempotencyKey.HEADER)), KeyScope.of(Optional.empty(), secretId),
                () -> parser.parse(JsonInput.parse(mapper, request.bodyText(), "request body")), credentials),
                "an API Gateway event");
    }
}
