package dev.vodelement.scf;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.element.CreatedElement;
import dev.vodelement.element.ElementRequestParser;
import dev.vodelement.element.ElementService;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.invocation.ErrorAnswer;
import dev.vodelement.invocation.JsonInput;
import dev.vodelement.invocation.LoggedOutcome;

/**
 * An API Gateway event carries a createElement request in its {@code body}; the answer is an
 * integration response whose status and body are exactly what {@code POST /createElement} would
 * answer, failures included (the invocation itself succeeds: the gateway shows the status).
 */
@ApplicationScoped
public class ApiGatewayHandler {

    private static final Logger LOG = Logger.getLogger(ApiGatewayHandler.class);

    private final ElementRequestParser parser;
    private final ElementService elements;
    private final ObjectMapper mapper;

    public ApiGatewayHandler(ElementRequestParser parser, ElementService elements, ObjectMapper mapper) {
        this.parser = parser;
        this.elements = elements;
        this.mapper = mapper;
    }

    /** The integration response together with what the invocation log says of it. */
    public record Answer(IntegrationResponse response, LoggedOutcome outcome) {
    }

    public IntegrationResponse handle(JsonNode event, Optional<TencentCredentials> credentials) {
        return answer(event, credentials).response();
    }

    /**
     * The invocation itself succeeds whatever the gateway shows, so the outcome to log (status,
     * code, ElementId, VOD RequestId) is taken here, where it is still known.
     */
    public Answer answer(JsonNode event, Optional<TencentCredentials> credentials) {
        if (!"POST".equalsIgnoreCase(event.path("httpMethod").asText())) {
            ErrorAnswer refused = ErrorAnswer.postOnly();
            return new Answer(failed(refused), LoggedOutcome.refused(refused));
        }
        try {
            JsonNode request = JsonInput.parse(mapper, body(event), "request body");
            CreatedElement created = elements.create(parser.parse(request), credentials);
            return new Answer(ok(created), LoggedOutcome.created(created));
        } catch (FunctionFailure failure) {
            return new Answer(failed(ErrorAnswer.of(failure)), LoggedOutcome.failed(failure));
        } catch (RuntimeException unexpected) {
            LOG.error("unexpected failure of an API Gateway event", unexpected);
            ErrorAnswer internal = ErrorAnswer.unexpected();
            return new Answer(failed(internal), LoggedOutcome.error(internal));
        }
    }

    private static String body(JsonNode event) {
        JsonNode body = event.get("body");
        if (body == null || body.isNull()) {
            return null;
        }
        String text = body.isTextual() ? body.textValue() : body.toString();
        if (event.path("isBase64Encoded").asBoolean(false)) {
            try {
                return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw FunctionFailure.invalid("InvalidParameter", "body is marked isBase64Encoded but is not base64");
            }
        }
        return text;
    }

    private IntegrationResponse ok(Object body) {
        try {
            return new IntegrationResponse(false, 200, Map.of("Content-Type", "application/json"),
                    mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an API Gateway answer", e);
        }
    }

    private IntegrationResponse failed(ErrorAnswer answer) {
        return new IntegrationResponse(false, answer.status(), answer.responseHeaders(), answer.json(mapper));
    }
}
