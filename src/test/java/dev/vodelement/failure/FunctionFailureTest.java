package dev.vodelement.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class FunctionFailureTest {

    @Test
    void anInvalidRequestTakesItsCodeFromTheFirstRuleAndListsThemAll() {
        FunctionFailure failure = FunctionFailure.invalid(List.of(
                new Violation("InvalidParameterValue.ElementName", "ElementName must be 1 to 20 characters, found 25"),
                new Violation("MissingParameter.ElementReferList", "ElementReferList is required")));

        assertEquals(FailureKind.INVALID_REQUEST, failure.kind());
        assertEquals(400, failure.kind().httpStatus());
        assertEquals("InvalidParameterValue.ElementName", failure.code());
        assertEquals("ElementName must be 1 to 20 characters, found 25; ElementReferList is required",
                failure.getMessage());
        assertEquals(2, failure.violations().size());
        assertThrows(IllegalArgumentException.class, () -> FunctionFailure.invalid(List.of()));
    }

    @Test
    void retryAfterIsWholeSecondsAndAtLeastOne() {
        assertEquals(Optional.of("1"), FunctionFailure.unavailable("ServiceUnavailable", "m", null,
                Duration.ofMillis(200), 1).retryAfterHeader());
        assertEquals(Optional.of("5"), FunctionFailure.unavailable("ServiceUnavailable", "m", null, 1)
                .retryAfterHeader(), "the function's own default");
        assertTrue(FunctionFailure.rejectedByVod("AuthFailure.SignatureFailure", "m", "r", 1).retryAfterHeader()
                .isEmpty(), "only UNAVAILABLE tells a caller to come back");
    }

    @Test
    void onlyUnavailableAndMisconfiguredAreWorthAnotherDelivery() {
        assertTrue(FailureKind.UNAVAILABLE.isTransient());
        assertTrue(FailureKind.MISCONFIGURED.isTransient());
        assertEquals(false, FailureKind.INVALID_REQUEST.isTransient());
        assertEquals(false, FailureKind.REJECTED_BY_VOD.isTransient());
    }
}
