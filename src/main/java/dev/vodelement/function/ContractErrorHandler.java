package dev.vodelement.function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.failure.ErrorBody;
import dev.vodelement.failure.FunctionFailure;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every failure the contract's status and JSON body. Funqy HTTP turns whatever a function
 * throws into {@code routingContext.fail(...)}, and a body it cannot parse into a bare 400; this
 * failure handler runs before Quarkus' default one, so no stack trace or class name ever reaches
 * a caller, in any profile.
 */
@ApplicationScoped
public class ContractErrorHandler {

    private static final Logger LOG = Logger.getLogger(ContractErrorHandler.class);

    private final ObjectMapper mapper;

    public ContractErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
        // Funqy would also map GET query parameters onto the input; the contract's functions are POST only.
        router.routeWithRegex(HttpMethod.GET, "/(createElement|validateElement|event-invoke)/?")
                .order(Integer.MIN_VALUE)
                .handler(context -> context.fail(405));
    }

    void handle(RoutingContext context) {
        if (context.response().ended() || context.response().headWritten()) {
            return;
        }
        Throwable failure = context.failure();
        FunctionFailure functionFailure = functionFailure(failure);
        if (functionFailure != null) {
            functionFailure.retryAfterHeader()
                    .ifPresent(seconds -> context.response().putHeader(HttpHeaders.RETRY_AFTER, seconds));
            respond(context, functionFailure.kind().httpStatus(), ErrorBody.of(functionFailure));
            return;
        }
        int status = context.statusCode();
        if (failure == null && status == 400) {
            respond(context, 400, ErrorBody.of("InvalidParameter", unparsableBodyMessage(context)));
        } else if (failure == null && status == 404) {
            respond(context, 404, ErrorBody.of("InvalidAction",
                    "no function at " + context.request().path() + ": use /createElement, /validateElement or /event-invoke"));
        } else if (failure == null && status == 405) {
            context.response().putHeader(HttpHeaders.ALLOW, "POST");
            respond(context, 405, ErrorBody.postOnly());
        } else if (failure == null && status == 413) {
            respond(context, 413, ErrorBody.of("RequestSizeLimitExceeded", "request body is too large"));
        } else if (failure == null && status > 0 && status < 500) {
            respond(context, status, ErrorBody.of("InvalidRequest", "the request was refused (HTTP " + status + ")"));
        } else {
            LOG.error("unexpected failure of " + context.request().path(), failure);
            respond(context, 500, ErrorBody.internalError());
        }
    }

    /** Funqy wraps what a function throws in its own exception. */
    private static FunctionFailure functionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FunctionFailure f) {
                return f;
            }
        }
        return null;
    }

    /** Funqy drops the parser's explanation; parse again to tell the caller where the JSON breaks. */
    private String unparsableBodyMessage(RoutingContext context) {
        var body = context.body() == null ? null : context.body().buffer();
        if (body == null || body.length() == 0) {
            return "request body is empty or not a JSON object";
        }
        try {
            mapper.readTree(body.getBytes());
            return "request body is not valid JSON";
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            return "request body is not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        } catch (java.io.IOException e) {
            return "request body is not valid JSON";
        }
    }

    private void respond(RoutingContext context, int status, ErrorBody body) {
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            json = "{\"Error\":{\"Code\":\"InternalError\",\"Message\":\"the function failed unexpectedly\"}}";
            status = 500;
        }
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(json);
    }
}
