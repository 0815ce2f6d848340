package dev.vodelement.function;

import java.util.Optional;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vodelement.credentials.ScfCredentialHeaders;
import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.invocation.FunctionNames;
import dev.vodelement.invocation.InvocationDeadlines;
import dev.vodelement.invocation.InvocationLog;
import dev.vodelement.scf.EventHandler;

import io.quarkus.funqy.Funq;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * {@code POST /event-invoke}: where SCF posts events to an image-based event function. The
 * credentials SCF sends with this request (X-Scf-* headers) are read here and passed down the
 * call, never kept. Failures are thrown and answered by {@link ContractErrorHandler}.
 */
public class EventFunction {

    @Inject
    EventHandler events;

    @Inject
    InvocationLog log;

    @Inject
    InvocationDeadlines deadlines;

    @Inject
    CurrentVertxRequest request;

    @Funq(FunctionNames.EVENT_INVOKE)
    public JsonNode eventInvoke(JsonNode event) {
        deadlines.begin(Optional.empty());
        var headers = request.getCurrent().request().headers();
        Optional<TencentCredentials> credentials = ScfCredentialHeaders.from(headers::get);
        String platformRequestId = headers.get(InvocationLog.SCF_REQUEST_ID_HEADER);
        return log.record(FunctionNames.EVENT_INVOKE, platformRequestId, () -> events.handle(event, credentials))
                .body();
    }
}
