package dev.vodelement.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.failure.FunctionFailure;

class ErrorAnswerTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void anUnavailableFailureAnswers503WithRetryAfterInWholeSeconds() throws Exception {
        ErrorAnswer answer = ErrorAnswer.of(FunctionFailure.unavailable("RequestLimitExceeded", "slow down", "req-1",
                Duration.ofMillis(2500), 3));

        assertEquals(503, answer.status());
        assertEquals(Map.of("Content-Type", "application/json", "Retry-After", "2"), answer.responseHeaders());
        assertEquals("{\"Error\":{\"Code\":\"RequestLimitExceeded\",\"Message\":\"slow down\"},\"RequestId\":\"req-1\"}",
                answer.json(mapper));
    }

    @Test
    void aWrappedFailureAnswersAsItselfAndAnythingElseAs500WithoutDetail() throws Exception {
        FunctionFailure invalid = FunctionFailure.invalid("MissingParameter.ElementName", "ElementName is required");

        assertEquals(400, ErrorAnswer.of(new RuntimeException("wrapper", invalid)).status());

        ErrorAnswer unexpected = ErrorAnswer.of(new IllegalStateException("secret detail"));
        assertEquals(500, unexpected.status());
        assertFalse(unexpected.json(mapper).contains("secret detail"));
        assertEquals(mapper.readTree(ErrorBody.INTERNAL_ERROR_JSON), mapper.readTree(unexpected.json(mapper)),
                "the literal fallback and the serialized body are the same answer");
    }

    @Test
    void postOnlyNamesTheAllowedMethod() {
        ErrorAnswer answer = ErrorAnswer.postOnly();

        assertEquals(405, answer.status());
        assertEquals("POST", answer.headers().get("Allow"));
        assertEquals("UnsupportedOperation", answer.body().error().code());
    }
}
