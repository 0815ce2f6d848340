package dev.vodelement.scf;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vodelement.cos.CosEventRecord;

/** The kinds of event SCF delivers to the function, told apart by their shape. */
public enum EventShape {
    /** {@code {"Records": [{"cos": ..., "event": ...}]}} from a COS trigger. */
    COS_UPLOAD,
    /** {@code {"httpMethod", "headers", "body", "requestContext", ...}} from an API Gateway trigger. */
    API_GATEWAY,
    /**
     * {@code {"httpMethod", "path", "headers", "body", "queryString"}} from a function URL: the API
     * Gateway's structure without {@code requestContext} (and the other fields SCF documents as removed).
     */
    FUNCTION_URL,
    /** Anything else: a createElement request invoked directly. */
    DIRECT;

    public static EventShape of(JsonNode event) {
        if (CosEventRecord.isCosEvent(event)) {
            return COS_UPLOAD;
        }
        if (event != null && event.isObject() && event.path("httpMethod").isTextual()
                && event.path("path").isTextual() && !event.has("requestContext")) {
            return FUNCTION_URL;
        }
        if (event != null && event.isObject() && event.path("httpMethod").isTextual()
                && (event.has("headers") || event.has("requestContext") || event.has("body"))) {
            return API_GATEWAY;
        }
        return DIRECT;
    }
}
