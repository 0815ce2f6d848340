package dev.vodelement.element;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vodelement.credentials.CredentialsResolver;
import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.invocation.InvocationDeadline;
import dev.vodelement.vod.VodAnswer;
import dev.vodelement.vod.VodClient;

/**
 * The product's one flow, independent of how it was triggered: field rules (already applied by
 * {@link ElementRequestParser}), then the image checks, then the signed VOD call.
 */
@ApplicationScoped
public class ElementService {

    public static final String ACTION = "CreateAigcCustomElement";

    private final ImageInspector images;
    private final VodClient vod;
    private final CredentialsResolver credentials;

    public ElementService(ImageInspector images, VodClient vod, CredentialsResolver credentials) {
        this.images = images;
        this.vod = vod;
        this.credentials = credentials;
    }

    /** Runs every check and never calls VOD. */
    public ValidationReport validate(ElementRequest request) {
        return new ValidationReport(true, images.inspect(request.imageReferences()));
    }

    /**
     * Checks the images, then creates the element.
     *
     * @param perInvocation credentials handed in for this invocation only, else the configured ones
     */
    public CreatedElement create(ElementRequest request, Optional<TencentCredentials> perInvocation) {
        // Credentials first: without them the answer is 500 MissingCredentials whatever the images
        // are, so fetching them would only cost the caller time and the image hosts traffic.
        TencentCredentials signer = credentials.resolve(perInvocation);
        images.inspect(request.imageReferences());
        return created(vod.call(ACTION, request, signer));
    }

    /** {@link #validate} holding no thread while the images are checked. */
    public CompletionStage<ValidationReport> validateAsync(ElementRequest request, InvocationDeadline deadline) {
        return images.inspectAsync(request.imageReferences(), deadline).thenApply(facts -> new ValidationReport(true,
                facts));
    }

    /**
     * {@link #create} holding no thread while the images are checked. The credentials are resolved
     * first, on the calling thread (a {@code MissingCredentials} failure is thrown from here, before
     * any image is fetched, as in {@link #create}); the VOD call, which blocks (REST client, pacing,
     * retry pauses), continues on {@code blocking}, never on the event loop that ended the checks.
     *
     * @param deadline the invocation's deadline, passed on because the stage outlives the request context
     * @param blocking where the VOD call runs: a worker pool
     */
    public CompletionStage<CreatedElement> createAsync(ElementRequest request,
            Optional<TencentCredentials> perInvocation, InvocationDeadline deadline, Executor blocking) {
        TencentCredentials signer = credentials.resolve(perInvocation);
        return images.inspectAsync(request.imageReferences(), deadline)
                .thenApplyAsync(facts -> created(vod.call(ACTION, request, signer, deadline)), blocking);
    }

    private static CreatedElement created(VodAnswer answer) {
        String elementId = answer.response().path("ElementId").asText("");
        if (elementId.isEmpty()) {
            throw FunctionFailure.rejectedByVod("InvalidResponse", "VOD answered without an ElementId",
                    answer.requestId(), answer.attempts());
        }
        return new CreatedElement(elementId, answer.requestId(), answer.attempts());
    }
}
