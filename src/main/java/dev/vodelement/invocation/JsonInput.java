package dev.vodelement.invocation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.failure.FunctionFailure;

/**
 * Reads JSON that arrives as text or bytes (an HTTP body, an API Gateway body, a Custom Runtime
 * event, a manifest) with one 400 answer for all of them: where the JSON breaks, never a stack
 * trace or a parser's class name. One JSON value and nothing after it: {@code {...} xyz} is
 * refused, not read as its first value.
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
        try (JsonParser parser = mapper.createParser(bytes)) {
            // Trailing data is checked here, to say so; the mapper itself may refuse it less clearly.
            JsonNode value = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(parser);
            JsonLocation end = parser.currentLocation();
            if (hasMore(parser)) {
                throw FunctionFailure.invalid("InvalidParameter", what + " has data after its JSON value"
                        + where(end));
            }
            return value;
        } catch (JsonProcessingException e) {
            StreamConstraintsException limit = limitIn(e);
            if (limit != null) {
                throw FunctionFailure.invalid("InvalidParameter", what + " is refused: "
                        + limitBroken(limit, mapper.getFactory().streamReadConstraints()));
            }
            throw FunctionFailure.invalid("InvalidParameter", what + " is not valid JSON: " + e.getOriginalMessage()
                    + where(e.getLocation()));
        } catch (IOException e) {
            throw FunctionFailure.invalid("InvalidParameter", what + " is not valid JSON");
        }
    }

    /** Anything but whitespace after the value, including text the tokenizer cannot even read. */
    private static boolean hasMore(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() != null;
        } catch (JsonProcessingException unreadable) {
            return true;
        }
    }

    private static StreamConstraintsException limitIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException limit) {
                return limit;
            }
        }
        return null;
    }

    /**
     * Jackson's messages about its limits name its own classes and methods ("... from
     * StreamReadConstraints.getMaxNestingDepth()"); callers get the limit in plain words.
     */
    static String limitBroken(StreamConstraintsException e, StreamReadConstraints limits) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("nesting depth")) {
            return "JSON nesting deeper than " + limits.getMaxNestingDepth() + " levels";
        }
        if (message.startsWith("Number")) {
            return "a number longer than " + limits.getMaxNumberLength() + " characters";
        }
        if (message.startsWith("String")) {
            return "a string longer than " + limits.getMaxStringLength() + " characters";
        }
        if (message.startsWith("Name")) {
            return "a field name longer than " + limits.getMaxNameLength() + " characters";
        }
        if (message.startsWith("Document length") || message.contains("document length")) {
            return "JSON longer than " + limits.getMaxDocumentLength() + " characters";
        }
        return "JSON beyond the parser's limits";
    }

    private static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
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
