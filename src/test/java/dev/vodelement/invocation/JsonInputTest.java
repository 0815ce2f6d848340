package dev.vodelement.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.failure.FunctionFailure;

class JsonInputTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void brokenJsonIsA400SayingWhereItBreaks() {
        FunctionFailure failure = assertThrows(FunctionFailure.class,
                () -> JsonInput.parse(mapper, "{\"ElementName\": }", "request body"));

        assertEquals(400, failure.kind().httpStatus());
        assertEquals("InvalidParameter", failure.code());
        assertEquals(true, failure.getMessage().startsWith("request body is not valid JSON: "), failure.getMessage());
        assertEquals(true, failure.getMessage().endsWith("(line 1, column 17)"), failure.getMessage());
    }

    @Test
    void emptyOrBlankInputIsNamed() {
        for (String text : new String[] {null, "", " \n\t"}) {
            FunctionFailure failure = assertThrows(FunctionFailure.class, () -> JsonInput.parse(mapper, text, "event"));
            assertEquals("event is empty or not a JSON object", failure.getMessage());
        }
    }

    @Test
    void bytesAndTextReadTheSame() {
        assertEquals(JsonInput.parse(mapper, "{\"a\": [1]}", "x"),
                JsonInput.parse(mapper, "{\"a\": [1]}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "x"));
    }

    @Test
    void dataAfterTheValueIsRefusedWithWhereItStarts() {
        for (String text : new String[] {"{\"a\": 1} xyz", "{\"a\": 1} {}", "{}\n\"x\"", "[1] ]"}) {
            FunctionFailure failure = assertThrows(FunctionFailure.class, () -> JsonInput.parse(mapper, text, "body"));
            assertEquals("InvalidParameter", failure.code());
            assertEquals(true, failure.getMessage().startsWith("body has data after its JSON value (line "),
                    failure.getMessage());
        }
        assertEquals(mapper.createObjectNode(), JsonInput.parse(mapper, " {} \r\n\t", "body"), "whitespace is fine");
    }

    @Test
    void parserLimitsAreToldInPlainWordsWithoutLibraryNames() {
        String deep = "[".repeat(1001) + "]".repeat(1001);
        FunctionFailure failure = assertThrows(FunctionFailure.class, () -> JsonInput.parse(mapper, deep, "body"));
        assertEquals("body is refused: JSON nesting deeper than 1000 levels", failure.getMessage());

        String longNumber = "{\"a\": " + "1".repeat(1001) + "}";
        FunctionFailure number = assertThrows(FunctionFailure.class,
                () -> JsonInput.parse(mapper, longNumber, "body"));
        assertEquals("body is refused: a number longer than 1000 characters", number.getMessage());
    }
}
