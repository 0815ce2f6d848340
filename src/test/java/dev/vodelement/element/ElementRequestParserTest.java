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
    void nullBodyIsFourMissingFields() {
        assertEquals(4, assertThrows(FunctionFailure.class, () -> parser.parse(null)).violations().size());
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
