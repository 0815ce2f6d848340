package dev.vodelement.scf;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vodelement.failure.FunctionFailure;

/**
 * The HTTP request an API Gateway event or a function URL event carries: both put the method in
 * {@code httpMethod}, the path in {@code path}, the headers in {@code headers} and the request body,
 * as text, in {@code body} (base64 when {@code isBase64Encoded} is true; the function URL's event
 * leaves that field out).
 */
public record HttpEventRequest(String method, String path, JsonNode headers, JsonNode body, boolean base64Encoded) {

    public static HttpEventRequest of(JsonNode event) {
        return new HttpEventRequest(event.path("httpMethod").asText(""), event.path("path").asText(""),
                event.path("headers"), event.get("body"), event.path("isBase64Encoded").asBoolean(false));
    }

    /** A request header, whatever its case (SCF sends them lower-case); null when absent. */
    public String header(String name) {
        var fields = headers.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getKey().equalsIgnoreCase(name) && field.getValue().isTextual()) {
                return field.getValue().textValue();
            }
        }
        return null;
    }

    public boolean isPost() {
        return "POST".equalsIgnoreCase(method);
    }

    /** The body as text, decoded when it is base64; null when there is none. */
    public String bodyText() {
        if (body == null || body.isNull()) {
            return null;
        }
        String text = body.isTextual() ? body.textValue() : body.toString();
        if (!base64Encoded) {
            return text;
        }
        try {
            return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw FunctionFailure.invalid("InvalidParameter", "body is marked isBase64Encoded but is not base64");
        }
    }
}
