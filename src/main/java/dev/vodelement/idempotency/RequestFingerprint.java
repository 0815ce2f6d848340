package dev.vodelement.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vodelement.element.ElementReferInfo;
import dev.vodelement.element.ElementRequest;

/**
 * What makes two createElement requests "the same request" for an idempotency key: the SHA-256 of
 * the canonical JSON of the four fields, taken from the request after the field rules
 * ({@link dev.vodelement.element.ElementRequestParser}): keys in sorted order, no whitespace, UTF-8,
 * each {@code ElementReferList} entry as {@code {"ImageUrl": ...}}. So whitespace, the order of the
 * fields and unknown fields (which the parser ignores) do not make a request different; any change
 * of a value, however small, does. No image is fetched: a replay never touches the image hosts.
 */
public final class RequestFingerprint {

    private static final ObjectMapper CANONICAL = new ObjectMapper();

    private RequestFingerprint() {
    }

    /** The canonical JSON text of a request, as fingerprinted. */
    static String canonicalJson(ElementRequest request) {
        ObjectNode node = CANONICAL.createObjectNode();
        node.put("ElementDescription", request.elementDescription());
        node.put("ElementFrontalImage", request.elementFrontalImage());
        node.put("ElementName", request.elementName());
        var refers = node.putArray("ElementReferList");
        for (ElementReferInfo refer : request.elementReferList()) {
            refers.addObject().put("ImageUrl", refer.imageUrl());
        }
        try {
            return CANONICAL.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request as JSON", e);
        }
    }

    /** 64 lower-case hex digits. */
    public static String of(ElementRequest request) {
        return Sha256.hex(canonicalJson(request));
    }
}
