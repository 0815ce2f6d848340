package dev.vodelement.vod;

/**
 * What to do about a VOD error code, per Tencent's retry guidance: retry what time can fix,
 * re-sign once on an expired signature, and never repeat a call VOD refused on its merits.
 * {@code InternalError} is not retried: a create call that got it may have succeeded, and a
 * retry would create a second element.
 */
enum RetryDecision {
    RETRY, RESIGN_ONCE, FINAL;

    static RetryDecision classify(String code) {
        if (code == null) {
            return FINAL;
        }
        if (code.startsWith("RequestLimitExceeded") || code.equals("ServiceUnavailable")
                || code.startsWith("ResourceUnavailable")) {
            return RETRY;
        }
        if (code.equals("AuthFailure.SignatureExpire")) {
            return RESIGN_ONCE;
        }
        return FINAL;
    }
}
