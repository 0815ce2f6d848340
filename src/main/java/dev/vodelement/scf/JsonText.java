package dev.vodelement.scf;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.failure.FunctionFailure;

/**
 * Parses JSON that arrives as text (an API Gateway body, a Custom Runtime event) with the same
 * 400 answers as an HTTP body Funqy cannot parse: where the JSON breaks, never a stack trace.
 */
final class JsonText {

    private JsonText() {
    }

    /** @param what names the text in messages, e.g. "request body" */
    static JsonNode parse(ObjectMapper mapper, String text, String what) {
        if (text == null || text.isBlank()) {
            throw FunctionFailure.invalid("InvalidParameter", what + " is empty or not a JSON object");
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw FunctionFailure.invalid("InvalidParameter", what + " is not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw FunctionFailure.invalid("InvalidParameter", what + " is not valid JSON");
        }
    }
}
