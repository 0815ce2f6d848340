package dev.vodelement.element;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vodelement.credentials.CredentialsResolver;
import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.failure.FunctionFailure;
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
        VodAnswer answer = vod.call(ACTION, request, signer);
        String elementId = answer.response().path("ElementId").asText("");
        if (elementId.isEmpty()) {
            throw FunctionFailure.rejectedByVod("InvalidResponse", "VOD answered without an ElementId",
                    answer.requestId(), answer.attempts());
        }
        return new CreatedElement(elementId, answer.requestId(), answer.attempts());
    }
}
