package dev.vodelement.upload;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vodelement.config.CosConfig;
import dev.vodelement.cos.CosClient;
import dev.vodelement.cos.CosEndpoint;
import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.element.ElementField;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.failure.Violation;
import dev.vodelement.invocation.JsonInput;

/**
 * Reads a manifest and turns its image references into URLs: an absolute URL stays as it is;
 * anything else is an object key (relative to the manifest's folder, or from the bucket root with
 * a leading "/") and becomes a pre-signed GET URL on the manifest's host, so that private buckets
 * work for the image checks and for VOD. The field rules are applied afterwards, by the caller.
 */
@ApplicationScoped
public class ManifestLoader {

    /** A manifest is a small JSON object; anything much larger is not one. */
    public static final int MAX_BYTES = 64 * 1024;
    private static final Pattern HAS_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);

    private final CosClient cos;
    private final ObjectMapper mapper;
    private final CosConfig config;

    public ManifestLoader(CosClient cos, ObjectMapper mapper, CosConfig config) {
        this.cos = cos;
        this.mapper = mapper;
        this.config = config;
    }

    /**
     * @return the manifest as a createElement request body whose image references are URLs
     * @throws FunctionFailure an invalid request when the manifest is gone, too large, not JSON or
     *         names a key outside the bucket; UNAVAILABLE or MISCONFIGURED when COS fails
     */
    public JsonNode load(CosEndpoint endpoint, ManifestKey manifest, TencentCredentials credentials) {
        byte[] bytes = cos.get(endpoint, manifest.key(), credentials, MAX_BYTES)
                .orElseThrow(() -> FunctionFailure.invalid("ResourceNotFound.Manifest",
                        "manifest " + manifest + " no longer exists in the bucket"));
        JsonNode body = JsonInput.parse(mapper, bytes, "manifest " + manifest);
        if (body == null || !body.isObject()) {
            return body;
        }
        return withImageUrls((ObjectNode) body.deepCopy(), endpoint, manifest, credentials);
    }

    private JsonNode withImageUrls(ObjectNode body, CosEndpoint endpoint, ManifestKey manifest,
            TencentCredentials credentials) {
        List<Violation> violations = new ArrayList<>();
        String frontal = ElementField.FRONTAL_IMAGE.apiName();
        resolve(body.get(frontal), frontal, ElementField.FRONTAL_IMAGE, endpoint, manifest, credentials, violations)
                .ifPresent(url -> body.put(frontal, url));
        JsonNode refers = body.get(ElementField.REFER_LIST.apiName());
        if (refers != null && refers.isArray()) {
            for (int i = 0; i < refers.size(); i++) {
                if (refers.get(i) instanceof ObjectNode entry) {
                    String path = ElementField.referImagePath(i);
                    resolve(entry.get("ImageUrl"), path, ElementField.REFER_LIST, endpoint, manifest, credentials,
                            violations).ifPresent(url -> entry.put("ImageUrl", url));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw FunctionFailure.invalid(violations);
        }
        return body;
    }

    /** The URL for a reference that is an object key; empty for URLs and for values the field rules judge. */
    private Optional<String> resolve(JsonNode reference, String path, ElementField field, CosEndpoint endpoint,
            ManifestKey manifest, TencentCredentials credentials, List<Violation> violations) {
        if (reference == null || !reference.isTextual() || reference.textValue().isBlank()
                || HAS_SCHEME.matcher(reference.textValue()).matches()) {
            return Optional.empty();
        }
        String ref = reference.textValue();
        Optional<String> key = manifest.resolve(ref);
        if (key.isEmpty()) {
            violations.add(new Violation(field.invalidCode(), path + " object key '" + ref
                    + "' does not name an object inside the bucket (relative to " + manifest + ")"));
            return Optional.empty();
        }
        return Optional.of(cos.presignedGet(endpoint, key.get(), credentials, config.presignValidity()));
    }
}
