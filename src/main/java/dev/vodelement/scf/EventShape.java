package dev.vodelement.scf;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vodelement.cos.CosEventRecord;
import dev.vodelement.failure.FunctionFailure;

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

    /** @throws FunctionFailure (400) for an event whose {@code Records} is not an array */
    public static EventShape of(JsonNode event) {
        if (CosEventRecord.isCosEvent(event)) {
            return COS_UPLOAD;
        }
        // A createElement request has no Records: an event with Records that is not an array is a
        // broken COS event, answered as such rather than as four missing createElement fields.
        if (event != null && event.isObject() && event.has("Records")) {
            throw FunctionFailure.invalid("InvalidParameter", "Records must be an array of COS event records,"
                    + " found " + kind(event.get("Records")));
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

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
