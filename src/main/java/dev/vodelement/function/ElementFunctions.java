package dev.vodelement.function;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vodelement.caller.CallerCheck;
import dev.vodelement.element.CreatedElement;
import dev.vodelement.element.ElementRequestParser;
import dev.vodelement.element.ElementService;
import dev.vodelement.element.ValidationReport;
import dev.vodelement.idempotency.IdempotencyKey;
import dev.vodelement.idempotency.IdempotentAnswer;
import dev.vodelement.idempotency.IdempotentCreate;
import dev.vodelement.idempotency.KeyScope;
import dev.vodelement.invocation.FunctionNames;
import dev.vodelement.invocation.InvocationDeadline;
import dev.vodelement.invocation.InvocationDeadlines;
import dev.vodelement.invocation.InvocationLog;

import io.quarkus.funqy.Funq;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP functions. Input arrives as a JSON tree so that a body of the wrong shape is answered
 * with the field and rule it breaks rather than a generic mapping error.
 *
 * <p>They return a {@link Uni} so that a request holds no thread while its images are checked: Funqy
 * calls them on a worker, which parses the body and resolves the credentials, starts the image
 * probes (on Vert.x's event loops) and returns; the VOD call, which blocks, continues on Quarkus'
 * worker pool once the images are known good; Funqy writes the answer when the Uni completes. Funqy
 * ends the request context as soon as the method returns, so whatever the continuation needs from
 * it (the invocation's deadline, the response for a header) is taken here, before returning, and
 * passed on. A request with an {@code Idempotency-Key} reads its record and takes its lock on the
 * worker first ({@link IdempotentCreate#createAsync}).
 */
public class ElementFunctions {

    @Inject
    ElementRequestParser parser;

    @Inject
    ElementService service;

    @Inject
    InvocationLog log;

    @Inject
    InvocationDeadlines deadlines;

    @Inject
    IdempotentCreate idempotent;

    @Inject
    CallerCheck callers;

    @Inject
    CurrentVertxRequest request;

    /**
     * With an {@code Idempotency-Key} header, a repeat gets the first request's answer, marked with
     * {@code Idempotent-Replayed: true} ({@link IdempotentCreate}); the key is checked before the body.
     * No thread is held while the images are checked, with a key or without (see the class comment).
     */
    @Funq(FunctionNames.CREATE_ELEMENT)
    public Uni<CreatedElement> createElement(JsonNode body) {
        InvocationDeadline deadline = deadlines.begin(Optional.empty());
        RoutingContext http = request.getCurrent();
        CompletionStage<CreatedElement> created = log.recordAsync(FunctionNames.CREATE_ELEMENT, platformRequestId(),
                () -> idempotent.createAsync(
                        IdempotencyKey.fromHeader(http.request().headers().getAll(IdempotencyKey.HEADER)),
                        KeyScope.of(callers.admittedToken(http.request().getHeader("Authorization")), Optional.empty()),
                        () -> parser.parse(body), Optional.empty(), deadline, Infrastructure.getDefaultWorkerPool()))
                .thenApply(answer -> {
                    if (answer.replayed()) {
                        // A replay is known before anything asynchronous starts: its stage completes
                        // before this method returns, so the header is set on this worker, before
                        // Funqy writes the body.
                        http.response().putHeader(IdempotentAnswer.REPLAYED_HEADER, "true");
                    }
                    return answer.element();
                });
        return Uni.createFrom().completionStage(created);
    }

    /** Creates nothing, so an {@code Idempotency-Key} header means nothing here and is ignored. */
    @Funq(FunctionNames.VALIDATE_ELEMENT)
    public Uni<ValidationReport> validateElement(JsonNode body) {
        InvocationDeadline deadline = deadlines.begin(Optional.empty());
        return Uni.createFrom().completionStage(log.recordAsync(FunctionNames.VALIDATE_ELEMENT, platformRequestId(),
                () -> service.validateAsync(parser.parse(body), deadline)));
    }

    /** SCF's id of this invocation when SCF passed the call on (a web function), for the log line. */
    private String platformRequestId() {
        return request.getCurrent().request().getHeader(InvocationLog.SCF_REQUEST_ID_HEADER);
    }
}
