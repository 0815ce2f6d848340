package dev.vodelement.function;

import java.util.Map;
import java.util.stream.Collectors;

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
    private static final String FUNCTIONS = FunctionNames.ALL.stream().map(name -> "/" + name)
            .collect(Collectors.joining(", "));

    private final ObjectMapper mapper;

    public ContractErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
        // Funqy would also map GET query parameters onto the input; the contract's functions are POST only.
        router.routeWithRegex(HttpMethod.GET, "/(" + String.join("|", FunctionNames.ALL) + ")/?")
                .order(Integer.MIN_VALUE)
                .handler(context -> context.fail(405));
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
                    "no function at " + context.request().path() + ": use " + FUNCTIONS)));
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
