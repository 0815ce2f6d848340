package dev.vodelement.function;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.invocation.ErrorAnswer;
import dev.vodelement.invocation.ErrorBody;
import dev.vodelement.invocation.FunctionNames;
import dev.vodelement.invocation.JsonInput;
import dev.vodelement.invocation.LogValue;

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
    /**
     * The longest request URI answered; a longer one gets 414. The HTTP server's own line limit
     * ({@code quarkus.http.limits.max-initial-line-length}) is set higher, so that this handler,
     * not the server, sees most over-long requests and answers them with the contract's body.
     */
    static final int MAX_URI_LENGTH = 4096;
    /** The most header bytes (names, values, separators) answered; more gets 431. See above. */
    static final int MAX_HEADER_BYTES = 20 * 1024;

    private final ObjectMapper mapper;

    public ContractErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkLimits);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
        // A trailing slash names the same function: POST /createElement/ is served like
        // POST /createElement, and GET on either is 405 (the GET route below).
        router.routeWithRegex(HttpMethod.POST, FunctionNames.PATH_REGEX + "/")
                .order(Integer.MIN_VALUE)
                .handler(context -> context.reroute(HttpMethod.POST,
                        context.request().path().substring(0, context.request().path().length() - 1)));
        // Whatever no route serves is answered 404 with the contract's body: without this route,
        // Vert.x (or Quarkus' dev page) answers unknown paths with HTML.
        router.route().order(Integer.MAX_VALUE).handler(context -> context.fail(404));
        // Funqy would also map GET query parameters onto the input; the contract's functions are POST only.
        router.routeWithRegex(HttpMethod.GET, FunctionNames.PATH_REGEX + "/?")
                .order(Integer.MIN_VALUE)
                .handler(context -> context.fail(405));
    }

    /**
     * Over-long requests are answered here, with a JSON body. The HTTP server rejects requests
     * beyond its own limits before any handler runs (Vert.x's invalid-request handler, which
     * Quarkus does not let an application replace) and answers them with an empty body; those
     * limits are set well above these (application.properties) so that only absurd requests
     * meet them.
     */
    void checkLimits(RoutingContext context) {
        if (context.request().uri().length() > MAX_URI_LENGTH) {
            respond(context, new ErrorAnswer(414, Map.of(), ErrorBody.of("RequestUriTooLong",
                    "request URI is " + context.request().uri().length() + " characters long; at most "
                            + MAX_URI_LENGTH + " are accepted")));
            return;
        }
        long headerBytes = 0;
        for (var header : context.request().headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
        }
        if (headerBytes > MAX_HEADER_BYTES) {
            respond(context, new ErrorAnswer(431, Map.of(), ErrorBody.of("RequestHeaderFieldsTooLarge",
                    "request headers are " + headerBytes + " bytes; at most " + MAX_HEADER_BYTES
                            + " are accepted")));
            return;
        }
        context.next();
    }

    void handle(RoutingContext context) {
        if (context.response().ended() || context.response().headWritten()) {
            return;
        }
        Throwable failure = context.failure();
        FunctionFailure functionFailure = ErrorAnswer.functionFailure(failure);
        if (functionFailure != null) {
            respond(context, ErrorAnswer.of(functionFailure));
            return;
        }
        int status = context.statusCode();
        if (failure == null && status == 400) {
            respond(context, new ErrorAnswer(400, Map.of(), ErrorBody.of("InvalidParameter",
                    unparsableBodyMessage(context))));
        } else if (failure == null && status == 404) {
            respond(context, new ErrorAnswer(404, Map.of(), ErrorBody.of("InvalidAction",
                    "no function at " + context.request().path() + ": use " + FunctionNames.PATHS)));
        } else if (failure == null && status == 405) {
            respond(context, ErrorAnswer.postOnly());
        } else if (failure == null && status == 413) {
            respond(context, new ErrorAnswer(413, Map.of(), ErrorBody.of("RequestSizeLimitExceeded",
                    "request body is too large")));
        } else if (failure == null && status > 0 && status < 500) {
            respond(context, new ErrorAnswer(status, Map.of(), ErrorBody.of("InvalidRequest",
                    "the request was refused (HTTP " + status + ")")));
        } else {
            LOG.errorf(failure, "unexpected failure of %s", LogValue.of(context.request().path()));
            respond(context, ErrorAnswer.unexpected());
        }
    }

    /** Funqy drops the parser's explanation; parse again to tell the caller where the JSON breaks. */
    private String unparsableBodyMessage(RoutingContext context) {
        var body = context.body() == null ? null : context.body().buffer();
        try {
            JsonInput.parse(mapper, body == null ? null : body.getBytes(), "request body");
            return "request body is not valid JSON";
        } catch (FunctionFailure unparsable) {
            return unparsable.getMessage();
        }
    }

    private void respond(RoutingContext context, ErrorAnswer answer) {
        var response = context.response().setStatusCode(answer.status());
        answer.responseHeaders().forEach(response::putHeader);
        response.end(answer.json(mapper));
    }
}
