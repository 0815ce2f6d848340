package dev.vodelement.scf;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.element.CreatedElement;
import dev.vodelement.element.ElementRequestParser;
import dev.vodelement.element.ElementService;
import dev.vodelement.invocation.LoggedOutcome;
import dev.vodelement.upload.CosUploadHandler;
import dev.vodelement.upload.UploadResults;

/**
 * The one path every SCF event takes, from {@code POST /event-invoke} and from the Custom Runtime
 * loop alike: recognise the event by its shape and answer it as the contract says. Failures leave
 * as {@link dev.vodelement.failure.FunctionFailure}, which each entry point turns into its own
 * error answer. The answer carries what the invocation log line says of it (status, ElementId,
 * VOD RequestId), also when the invocation itself succeeds with a failure inside, as an API Gateway
 * response does.
 */
@ApplicationScoped
public class EventHandler {

    private final CosUploadHandler uploads;
    private final ApiGatewayHandler apiGateway;
    private final FunctionUrlHandler functionUrl;
    private final ElementRequestParser parser;
    private final ElementService elements;
    private final ObjectMapper mapper;

    public EventHandler(CosUploadHandler uploads, ApiGatewayHandler apiGateway, FunctionUrlHandler functionUrl,
            ElementRequestParser parser, ElementService elements, ObjectMapper mapper) {
        this.uploads = uploads;
        this.apiGateway = apiGateway;
        this.functionUrl = functionUrl;
        this.parser = parser;
        this.elements = elements;
        this.mapper = mapper;
    }

    /** @param credentials this invocation's own credentials (SCF's X-Scf-* headers), else the configured ones */
    public EventAnswer handle(JsonNode event, Optional<TencentCredentials> credentials) {
        return switch (EventShape.of(event)) {
            case COS_UPLOAD -> {
                UploadResults results = uploads.handle(event, credentials);
                yield new EventAnswer(mapper.valueToTree(results), results.loggedOutcome());
            }
            case API_GATEWAY -> of(apiGateway.handle(event, credentials));
            case FUNCTION_URL -> of(functionUrl.handle(event, credentials));
            case DIRECT -> {
                CreatedElement created = elements.create(parser.parse(event), credentials);
                yield new EventAnswer(mapper.valueToTree(created), LoggedOutcome.created(created));
            }
        };
    }

    private EventAnswer of(HttpEventAnswer answer) {
        return new EventAnswer(mapper.valueToTree(answer.response()), answer.outcome());
    }
}
