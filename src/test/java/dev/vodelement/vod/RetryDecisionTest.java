package dev.vodelement.vod;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RetryDecisionTest {

    @Test
    void errorCodesAreClassifiedPerTencentGuidance() {
        assertEquals(RetryDecision.RETRY, RetryDecision.classify("RequestLimitExceeded"));
        assertEquals(RetryDecision.RETRY, RetryDecision.classify("RequestLimitExceeded.UinLimitExceeded"));
        assertEquals(RetryDecision.RETRY, RetryDecision.classify("ServiceUnavailable"));
        assertEquals(RetryDecision.RESIGN_ONCE, RetryDecision.classify("AuthFailure.SignatureExpire"));
        assertEquals(RetryDecision.FINAL, RetryDecision.classify("AuthFailure.SignatureFailure"));
        assertEquals(RetryDecision.FINAL, RetryDecision.classify("InternalError"));
        assertEquals(RetryDecision.FINAL, RetryDecision.classify("InvalidParameterValue.ElementName"));
        assertEquals(RetryDecision.FINAL, RetryDecision.classify("LimitExceeded"));
        assertEquals(RetryDecision.FINAL, RetryDecision.classify("FailedOperation.InvalidVodUser"));
    }
}
