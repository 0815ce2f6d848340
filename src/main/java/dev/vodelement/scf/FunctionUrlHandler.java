package dev.vodelement.scf;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.element.ElementRequestParser;
import dev.vodelement.element.ElementService;
import dev.vodelement.caller.CallerCheck;
import dev.vodelement.idempotency.IdempotencyKey;
import dev.vodelement.idempotency.IdempotentCreate;
import dev.vodelement.idempotency.KeyScope;
import dev.vodelement.invocation.ErrorAnswer;
import dev.vodelement.invocation.ErrorBody;
import dev.vodelement.invocation.FunctionNames;
import dev.vodelement.invocation.JsonInput;

/**
 * An event from the function URL (SCF's {@code http} trigger) of an event function: the caller's
 * request in {@code httpMethod}, {@code path}, {@code headers} and {@code body}. Routed by path to
 * createElement or validateElement and answered with what {@code POST /createElement} or
 * {@code POST /validateElement} would answer (404 for another path, 405 for another method), in
 * the response structure the function URL turns into its HTTP answer. Authentication is the
 * function URL's (CAM): a request that reaches the function has passed it. A public URL
 * ({@code authType: NONE}) can be guarded by the caller check's bearer tokens instead
 * ({@link CallerCheck#admitsEvent}), checked first so that an unauthenticated caller learns nothing.
 * An {@code Idempotency-Key} in the event's headers works as on {@code POST /createElement}.
 */
@ApplicationScoped
public class FunctionUrlHandler {

    private static final String ROUTES = "/" + FunctionNames.CREATE_ELEMENT + ", /" + FunctionNames.VALIDATE_ELEMENT;

    private final ElementRequestParser parser;
    private final ElementService elements;
    private final HttpEventResponder responder;
    private final CallerCheck callers;
    private final IdempotentCreate idempotent;
    private final ObjectMapper mapper;

    public FunctionUrlHandler(ElementRequestParser parser, ElementService elements, HttpEventResponder responder,
            CallerCheck callers, IdempotentCreate idempotent, ObjectMapper mapper) {
        this.parser = parser;
        this.elements = elements;
        this.responder = responder;
        this.callers = callers;
        this.idempotent = idempotent;
        this.mapper = mapper;
    }

    public HttpEventAnswer handle(JsonNode event, Optional<TencentCredentials> credentials) {
        HttpEventRequest request = HttpEventRequest.of(event);
        if (!callers.admitsEvent(request.header("authorization"))) {
            return responder.refused(CallerCheck.unauthorized());
        }
        String function = functionAt(request.path());
        if (function == null) {
            return responder.refused(new ErrorAnswer(404, Map.of(), ErrorBody.of("InvalidAction",
                    "no function at " + request.path() + ": use " + ROUTES)));
        }
        if (!request.isPost()) {
            return responder.refused(ErrorAnswer.postOnly());
        }
        return responder.answer(() -> {
            if (FunctionNames.VALIDATE_ELEMENT.equals(function)) {
                // creates nothing: an Idempotency-Key header means nothing here and is ignored
                return elements.validate(parser.parse(JsonInput.parse(mapper, request.bodyText(), "request body")));
            }
            return idempotent.create(IdempotencyKey.fromHeader(request.header(IdempotencyKey.HEADER)),
                    KeyScope.of(callers.admittedToken(request.header("authorization")), Optional.empty()),
                    () -> parser.parse(JsonInput.parse(mapper, request.bodyText(), "request body")), credentials);
        }, "a function URL event");
    }

    /** The function a path names, with or without a trailing slash, as on the HTTP entry; else null. */
    private static String functionAt(String path) {
        String name = path.startsWith("/") ? path.substring(1) : path;
        if (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        return FunctionNames.CREATE_ELEMENT.equals(name) || FunctionNames.VALIDATE_ELEMENT.equals(name) ? name : null;
    }
}
