package dev.vodelement.invocation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.failure.FunctionFailure;

/**
 * Reads JSON that arrives as text or bytes (an HTTP body, an API Gateway body, a Custom Runtime
 * event, a manifest) with one 400 answer for all of them: where the JSON breaks, never a stack
 * trace or a parser's class name.
 */
public final class JsonInput {

    private JsonInput() {
    }

    /**
     * @param what names the text in messages, e.g. "request body" or "manifest a/b.element.json"
     * @throws FunctionFailure an invalid request ({@code InvalidParameter}) when the text is empty or not JSON
     */
    public static JsonNode parse(ObjectMapper mapper, String text, String what) {
        return parse(mapper, text == null ? null : text.getBytes(StandardCharsets.UTF_8), what);
    }

    /** As {@link #parse(ObjectMapper, String, String)}, for bytes (UTF-8 or another JSON encoding). */
    public static JsonNode parse(ObjectMapper mapper, byte[] bytes, String what) {
        if (isBlank(bytes)) {
            throw FunctionFailure.invalid("InvalidParameter", what + " is empty or not a JSON object");
        }
        try {
            return mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw FunctionFailure.invalid("InvalidParameter", what + " is not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw FunctionFailure.invalid("InvalidParameter", what + " is not valid JSON");
        }
    }

    private static boolean isBlank(byte[] bytes) {
        if (bytes == null) {
            return true;
        }
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
