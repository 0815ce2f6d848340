package dev.vodelement.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.element.ElementRequest;
import dev.vodelement.element.ElementRequestParser;

/** The same request, however it is written, has one fingerprint; any other request another. */
class RequestFingerprintTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = "{\"ElementName\":\"cat\",\"ElementDescription\":\"a grey cat\","
            + "\"ElementFrontalImage\":\"https://img.example/front.jpg\","
            + "\"ElementReferList\":[{\"ImageUrl\":\"https://img.example/side.png\"}]}";

    @Test
    void theCanonicalJsonHasSortedKeysAndNoWhitespace() throws Exception {
        assertEquals("{\"ElementDescription\":\"a grey cat\",\"ElementFrontalImage\":\"https://img.example/front.jpg\","
                + "\"ElementName\":\"cat\",\"ElementReferList\":[{\"ImageUrl\":\"https://img.example/side.png\"}]}",
                RequestFingerprint.canonicalJson(parse(REQUEST)));
        assertEquals(64, RequestFingerprint.of(parse(REQUEST)).length());
    }

    @Test
    void whitespaceFieldOrderAndUnknownFieldsDoNotMakeAnotherRequest() throws Exception {
        String reordered = "{ \"ElementReferList\": [ { \"ImageUrl\": \"https://img.example/side.png\", \"x\": 1 } ],\n"
                + "  \"ElementFrontalImage\": \"https://img.example/front.jpg\",\n"
                + "  \"Unknown\": true, \"ElementDescription\": \"a grey cat\", \"ElementName\": \"cat\" }";
        assertEquals(RequestFingerprint.of(parse(REQUEST)), RequestFingerprint.of(parse(reordered)));
    }

    @Test
    void anyChangedValueIsAnotherRequest() throws Exception {
        String fingerprint = RequestFingerprint.of(parse(REQUEST));
        assertNotEquals(fingerprint, RequestFingerprint.of(parse(REQUEST.replace("a grey cat", "a grey cat "))));
        assertNotEquals(fingerprint, RequestFingerprint.of(parse(REQUEST.replace("\"cat\"", "\"Cat\""))));
        assertNotEquals(fingerprint, RequestFingerprint.of(parse(REQUEST.replace("side.png", "side2.png"))));
        assertNotEquals(fingerprint, RequestFingerprint.of(parse(REQUEST.replace("}]}",
                "},{\"ImageUrl\":\"https://img.example/back.jpg\"}]}"))));
    }

    private static ElementRequest parse(String json) throws Exception {
        return new ElementRequestParser().parse(JSON.readTree(json));
    }
}
