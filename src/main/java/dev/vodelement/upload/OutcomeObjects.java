package dev.vodelement.upload;

import java.io.IOException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.cos.CosClient;
import dev.vodelement.cos.CosEndpoint;
import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.element.ElementResultRecord;

/**
 * Reads and writes the outcome objects next to a manifest: {@code <name>.element.result.json}
 * (the created element) and {@code <name>.element.error.json} (why it was rejected).
 */
@ApplicationScoped
public class OutcomeObjects {

    static final String JSON = "application/json";
    private static final int MAX_BYTES = 64 * 1024;

    private final CosClient cos;
    private final ObjectMapper mapper;

    public OutcomeObjects(CosClient cos, ObjectMapper mapper) {
        this.cos = cos;
        this.mapper = mapper;
    }

    /**
     * The recorded result of a manifest, if its result object exists. An object that exists but
     * does not read as a result still counts: it is reported without an ElementId rather than
     * creating the element a second time.
     */
    public Optional<ElementResultRecord> readResult(CosEndpoint endpoint, ManifestKey manifest,
            TencentCredentials credentials) {
        return cos.get(endpoint, manifest.resultKey(), credentials, MAX_BYTES).map(bytes -> {
            try {
                JsonNode node = mapper.readTree(bytes);
                return new ElementResultRecord(node.path("ElementId").textValue(), node.path("RequestId").textValue(),
                        manifest.key(), node.path("CreatedAt").textValue());
            } catch (IOException e) {
                return new ElementResultRecord(null, null, manifest.key(), null);
            }
        });
    }

    public void writeResult(CosEndpoint endpoint, ManifestKey manifest, ElementResultRecord result,
            TencentCredentials credentials) {
        cos.put(endpoint, manifest.resultKey(), json(result), JSON, false, credentials);
    }

    public void writeError(CosEndpoint endpoint, ManifestKey manifest, ElementErrorRecord error,
            TencentCredentials credentials) {
        cos.put(endpoint, manifest.errorKey(), json(error), JSON, false, credentials);
    }

    private byte[] json(Object value) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an outcome object", e);
        }
    }
}
