package dev.vodelement.element;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vodelement.failure.FailureKind;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.failure.Violation;

class ElementRequestParserTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ElementRequestParser parser = new ElementRequestParser();

    @Test
    void validRequestKeepsEveryFieldAndIgnoresUnknownOnes() {
        ObjectNode body = valid(1);
        body.put("SubAppId", 12345);
        body.put("Unknown", "x");
        ElementRequest request = parser.parse(body);
        assertEquals("my_element", request.elementName());
        assertEquals("Subject", request.elementDescription());
        assertEquals("https://images.example.com/front.png", request.elementFrontalImage());
        assertEquals(List.of(new ElementReferInfo("https://images.example.com/refer0.png")), request.elementReferList());
        assertEquals(List.of(new ImageReference("ElementFrontalImage", "https://images.example.com/front.png"),
                new ImageReference("ElementReferList[0].ImageUrl", "https://images.example.com/refer0.png")),
                request.imageReferences());
    }

    @Test
    void nameBoundaryIsTwentyCodePoints() {
        assertEquals("a".repeat(20), parser.parse(valid(1).put("ElementName", "a".repeat(20))).elementName());
        Violation v = single(valid(1).put("ElementName", "a".repeat(21)));
        assertEquals("InvalidParameterValue.ElementName", v.code());
        assertEquals("ElementName must be 1 to 20 characters, found 21", v.message());
    }

    @Test
    void charactersAreCodePointsNotUtf16Units() {
        String chinese = "主体名称主体名称主体名称主体名称主体名称";
        assertEquals(20, chinese.codePointCount(0, chinese.length()));
        assertEquals(chinese, parser.parse(valid(1).put("ElementName", chinese)).elementName());
        String emoji = "😀".repeat(20);
        assertEquals(40, emoji.length());
        assertEquals(emoji, parser.parse(valid(1).put("ElementName", emoji)).elementName());
        assertEquals("InvalidParameterValue.ElementName", single(valid(1).put("ElementName", emoji + "😀")).code());
    }

    @Test
    void emptyNameIsInvalidNotMissing() {
        Violation v = single(valid(1).put("ElementName", ""));
        assertEquals("InvalidParameterValue.ElementName", v.code());
        assertTrue(v.message().contains("found 0"));
    }

    @Test
    void descriptionBoundaryIsOneHundred() {
        parser.parse(valid(1).put("ElementDescription", "d".repeat(100)));
        Violation v = single(valid(1).put("ElementDescription", "d".repeat(101)));
        assertEquals("InvalidParameterValue.ElementDescription", v.code());
        assertEquals("ElementDescription must be 1 to 100 characters, found 101", v.message());
    }

    @Test
    void referListTakesOneToThree() {
        parser.parse(valid(1));
        parser.parse(valid(3));
        assertEquals("ElementReferList must have 1 to 3 entries, found 0", single(valid(0)).message());
        Violation four = single(valid(4));
        assertEquals("InvalidParameterValue.ElementReferList", four.code());
        assertEquals("ElementReferList must have 1 to 3 entries, found 4", four.message());
    }

    @ParameterizedTest
    @ValueSource(strings = { "ftp://h/a.png", "file:///etc/passwd", "gopher://h/", "javascript:alert(1)", "/a.png",
            "h/a.png", "data:image/png;base64,AAAA" })
    void onlyHttpAndHttpsUrls(String url) {
        Violation v = single(valid(1).put("ElementFrontalImage", url));
        assertEquals("InvalidParameterValue.ElementFrontalImage", v.code());
        assertTrue(v.message().startsWith("ElementFrontalImage must use http or https"), v.message());
    }

    @Test
    void malformedUrlNamesTheReferEntry() {
        ObjectNode body = valid(2);
        ((ObjectNode) body.withArray("ElementReferList").get(1)).put("ImageUrl", "https://h/a b.png");
        Violation v = single(body);
        assertEquals("InvalidParameterValue.ElementReferList", v.code());
        assertTrue(v.message().startsWith("ElementReferList[1].ImageUrl is not a valid URL"), v.message());
    }

    @Test
    void missingFieldsAreAllReported() {
        FunctionFailure failure = assertThrows(FunctionFailure.class, () -> parser.parse(MAPPER.createObjectNode()));
        assertEquals(FailureKind.INVALID_REQUEST, failure.kind());
        assertEquals(List.of("MissingParameter.ElementName", "MissingParameter.ElementDescription",
                "MissingParameter.ElementFrontalImage", "MissingParameter.ElementReferList"),
                failure.violations().stream().map(Violation::code).collect(Collectors.toList()));
        assertEquals("MissingParameter.ElementName", failure.code());
    }

    @Test
    void noBodyOrANullBodyIsOneInvalidParameterNotFourMissingFields() {
        for (JsonNode body : new JsonNode[] {null, MAPPER.nullNode()}) {
            FunctionFailure failure = assertThrows(FunctionFailure.class, () -> parser.parse(body));
            assertEquals("InvalidParameter", failure.code());
            assertEquals(1, failure.violations().size());
            assertTrue(failure.getMessage().contains("must be a JSON object"), failure.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ElementName", "ElementDescription"})
    void aLoneSurrogateIsRefusedWithItsPosition(String field) {
        for (String text : new String[] {"a\\ud800b", "a\\udc00", "\\ud83d"}) {
            Violation v = single(body(field, text));
            assertEquals("InvalidParameterValue." + field, v.code());
            assertTrue(v.message().startsWith(field + " contains a lone surrogate"), v.message());
        }
        assertTrue(single(body(field, "a\\ud800b")).message().contains("U+D800 at character 2"));
        assertEquals("a\uD83D\uDE00", text(parser.parse(body(field, "a\\ud83d\\ude00")), field),
                "a proper pair is one character, accepted");
    }

    @Test
    void aLoneSurrogateInAnImageUrlIsRefused() {
        String body = valid(1).toString().replace("refer0.png", "refer\\ud800.png");
        Violation v = single(json(body));
        assertEquals("InvalidParameterValue.ElementReferList", v.code());
        assertTrue(v.message().startsWith("ElementReferList[0].ImageUrl contains a lone surrogate"), v.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "   ", "\\u3000", "\\u200B", "\\u200B\\u2060\\uFEFF", "\\u00A0\\u200D", "\\u3164",
            "\\uFE0F"})
    void aNameOrDescriptionWithNothingVisibleIsRefused(String text) {
        for (String field : new String[] {"ElementName", "ElementDescription"}) {
            Violation v = single(body(field, text));
            assertEquals("InvalidParameterValue." + field, v.code());
            assertEquals(field + " must contain a visible character, found only spaces or invisible characters",
                    v.message());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\u0000b", "\\u001b[31mred", "a\\u007fb", "a\\u0085b", "a\\nb", "a\\tb", "a\\rb"})
    void controlCharactersAreRefusedInANameAndLineBreaksTooBecauseItIsOneLine(String text) {
        Violation v = single(body("ElementName", text));
        assertEquals("InvalidParameterValue.ElementName", v.code());
        assertTrue(v.message().startsWith("ElementName must not contain control characters, found U+"), v.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\u0000b", "\\u001b[31mred", "a\\u007fb", "a\\u0085b"})
    void controlCharactersAreRefusedInADescription(String text) {
        Violation v = single(body("ElementDescription", text));
        assertEquals("InvalidParameterValue.ElementDescription", v.code());
        assertTrue(v.message().contains("must not contain control characters"), v.message());
    }

    @Test
    void aDescriptionMayHaveLinesAndTabsAndEmojiSequencesStayValid() {
        assertEquals("line one\nline two\r\n\tthree", parser.parse(body("ElementDescription",
                "line one\\nline two\\r\\n\\tthree")).elementDescription());
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        assertEquals(family, parser.parse(valid(1).put("ElementName", family)).elementName());
        assertEquals(" padded ", parser.parse(valid(1).put("ElementName", " padded ")).elementName());
    }

    @Test
    void wrongTypesAreInvalidNotCoerced() {
        ObjectNode body = valid(1);
        body.put("ElementName", 123);
        body.put("ElementDescription", true);
        body.put("ElementReferList", "https://h/a.png");
        FunctionFailure failure = assertThrows(FunctionFailure.class, () -> parser.parse(body));
        assertEquals(List.of("ElementName must be a string, found a number (123)",
                "ElementDescription must be a string, found a boolean (true)",
                "ElementReferList must be an array of {\"ImageUrl\": ...} objects, found a string"),
                failure.violations().stream().map(Violation::message).toList());
    }

    @Test
    void referEntryWithoutImageUrl() {
        ObjectNode body = valid(2);
        ((ObjectNode) body.withArray("ElementReferList").get(0)).remove("ImageUrl");
        body.withArray("ElementReferList").set(1, MAPPER.getNodeFactory().textNode("https://h/a.png"));
        FunctionFailure failure = assertThrows(FunctionFailure.class, () -> parser.parse(body));
        assertEquals(List.of("ElementReferList[0].ImageUrl is required",
                "ElementReferList[1] must be an object with ImageUrl, found a string"),
                failure.violations().stream().map(Violation::message).toList());
        assertEquals("MissingParameter.ElementReferList", failure.violations().get(0).code());
    }

    @Test
    void bodyThatIsNotAnObject() {
        JsonNode array = MAPPER.createArrayNode();
        FunctionFailure failure = assertThrows(FunctionFailure.class, () -> parser.parse(array));
        assertEquals("InvalidParameter", failure.code());
        assertTrue(failure.getMessage().contains("must be a JSON object"));
    }

    @Test
    void signedUrlsAreMaskedInMessages() {
        Violation v = single(valid(1).put("ElementFrontalImage",
                "ftp://h/a.png?q-signature=abcdef&x-cos-security-token=tok&size=1"));
        assertTrue(v.message().contains("q-signature=***"), v.message());
        assertTrue(v.message().contains("x-cos-security-token=***"), v.message());
        assertTrue(v.message().contains("size=1"), v.message());
    }

    /** A valid request whose field holds the JSON string literal {@code jsonText} (escapes as written). */
    private static JsonNode body(String field, String jsonText) {
        ObjectNode body = valid(1);
        body.put(field, "@@");
        return json(body.toString().replace("\"@@\"", "\"" + jsonText + "\""));
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static String text(ElementRequest request, String field) {
        return field.equals("ElementName") ? request.elementName() : request.elementDescription();
    }

    private Violation single(JsonNode body) {
        FunctionFailure failure = assertThrows(FunctionFailure.class, () -> parser.parse(body));
        assertEquals(1, failure.violations().size(), () -> failure.violations().toString());
        return failure.violations().get(0);
    }

    private static ObjectNode valid(int refers) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("ElementName", "my_element");
        body.put("ElementDescription", "Subject");
        body.put("ElementFrontalImage", "https://images.example.com/front.png");
        ArrayNode list = body.putArray("ElementReferList");
        for (int i = 0; i < refers; i++) {
            list.addObject().put("ImageUrl", "https://images.example.com/refer" + i + ".png");
        }
        return body;
    }
}
