package dev.vodelement.vod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.failure.FailureKind;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.standin.VodStandIn;
import dev.vodelement.standin.VodStandIn.Fault;
import dev.vodelement.standin.VodStandInResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The real REST client, signing filter and retry loop against a real HTTP server that verifies TC3
 * signatures with its own implementation.
 */
@QuarkusTest
@WithTestResource(VodStandInResource.class)
class VodClientTest {

    /** A request as ElementService sends it; also VodReadTimeoutTest's. */
    static final Map<String, Object> PAYLOAD = Map.of(
            "ElementName", "名字 with unicode",
            "ElementDescription", "desc",
            "ElementFrontalImage", "https://example.com/front.png",
            "ElementReferList", List.of(Map.of("ImageUrl", "https://example.com/refer.png")));

    @Inject
    VodClient client;

    private final VodStandIn vod = VodStandIn.shared();
    private final TencentCredentials permanent = new TencentCredentials(VodStandIn.SECRET_ID, VodStandIn.SECRET_KEY,
            null);

    @BeforeEach
    void reset() {
        vod.reset();
        vod.slowAnswersTake(3_000);
    }

    @Test
    void signedCallIsVerifiedAndAnswered() {
        VodAnswer answer = client.call("CreateAigcCustomElement", PAYLOAD, permanent);

        assertFalse(answer.response().path("ElementId").asText().isEmpty());
        assertEquals(1, answer.attempts());
        VodStandIn.Call call = vod.calls().get(0);
        assertTrue(call.signatureValid());
        assertEquals("2018-07-17", call.version());
        assertEquals("application/json", call.headers().get("content-type"));
        assertEquals(URI.create(vod.url()).getAuthority(), call.headers().get("host"), "host keeps its port");
        assertTrue(call.headers().get("authorization").contains("SignedHeaders=content-type;host;x-tc-action,"));
        assertTrue(call.headers().get("authorization").contains("/vod/tc3_request"));
        assertNull(call.headers().get("x-tc-token"), "permanent credentials send no token");
        assertNull(call.headers().get("x-tc-region"), "no region unless configured");
        assertEquals("名字 with unicode", call.json().path("ElementName").asText());
        assertEquals(answer.requestId(), answer.response().path("RequestId").asText());
    }

    @Test
    void temporaryCredentialsSendTheirToken() {
        TencentCredentials temporary = new TencentCredentials(VodStandIn.TEMP_SECRET_ID, VodStandIn.TEMP_SECRET_KEY,
                VodStandIn.TEMP_TOKEN);
        client.call("CreateAigcCustomElement", PAYLOAD, temporary);
        VodStandIn.Call call = vod.calls().get(0);
        assertTrue(call.signatureValid());
        assertEquals(VodStandIn.TEMP_TOKEN, call.headers().get("x-tc-token"));
    }

    @Test
    void aWrongKeyIsRefusedByTheVerifierOnce() {
        TencentCredentials wrong = new TencentCredentials(VodStandIn.SECRET_ID, "not-the-key", null);
        FunctionFailure failure = assertThrows(FunctionFailure.class,
                () -> client.call("CreateAigcCustomElement", PAYLOAD, wrong));
        assertEquals(FailureKind.REJECTED_BY_VOD, failure.kind());
        assertEquals("AuthFailure.SignatureFailure", failure.code());
        assertEquals(1, vod.calls().size());
        assertFalse(failure.getMessage().contains("not-the-key"));
        assertTrue(failure.requestId().isPresent());
    }

    @Test
    void rateLimitedTwiceThenCreatedOnce() {
        vod.enqueue(Fault.RATE_LIMITED, Fault.RATE_LIMITED);
        VodAnswer answer = client.call("CreateAigcCustomElement", PAYLOAD, permanent);
        assertEquals(3, answer.attempts());
        assertEquals(3, vod.calls().size());
        assertEquals(1, vod.createdCount());
        assertTrue(vod.calls().stream().allMatch(VodStandIn.Call::signatureValid));
    }

    @Test
    void rateLimitedPastRetriesIsUnavailableWithRetryAfter() {
        vod.enqueue(Fault.RATE_LIMITED, Fault.RATE_LIMITED, Fault.RATE_LIMITED);
        FunctionFailure failure = assertThrows(FunctionFailure.class,
                () -> client.call("CreateAigcCustomElement", PAYLOAD, permanent));
        assertEquals(FailureKind.UNAVAILABLE, failure.kind());
        assertEquals("RequestLimitExceeded", failure.code());
        assertTrue(failure.retryAfter().isPresent());
        assertEquals(3, failure.attempts());
        assertEquals(0, vod.createdCount());
    }

    @Test
    void http500IsRetried() {
        vod.enqueue(Fault.HTTP_500);
        VodAnswer answer = client.call("CreateAigcCustomElement", PAYLOAD, permanent);
        assertEquals(2, answer.attempts());
        assertEquals(1, vod.createdCount());
    }

    @Test
    void persistentHttp500IsUnavailable() {
        vod.enqueue(Fault.HTTP_500, Fault.HTTP_500, Fault.HTTP_500);
        FunctionFailure failure = assertThrows(FunctionFailure.class,
                () -> client.call("CreateAigcCustomElement", PAYLOAD, permanent));
        assertEquals(FailureKind.UNAVAILABLE, failure.kind());
        assertEquals("ServiceUnavailable", failure.code());
        assertEquals(3, vod.calls().size());
    }

    @Test
    void signatureFailureIsFinalAfterOneAttempt() {
        vod.enqueue(Fault.SIGNATURE_FAILURE);
        FunctionFailure failure = assertThrows(FunctionFailure.class,
                () -> client.call("CreateAigcCustomElement", PAYLOAD, permanent));
        assertEquals(FailureKind.REJECTED_BY_VOD, failure.kind());
        assertEquals("AuthFailure.SignatureFailure", failure.code());
        assertEquals(1, failure.attempts());
        assertEquals(1, vod.calls().size());
    }

    @Test
    void expiredSignatureIsResignedOnce() {
        vod.enqueue(Fault.SIGNATURE_EXPIRED);
        VodAnswer answer = client.call("CreateAigcCustomElement", PAYLOAD, permanent);
        assertEquals(2, answer.attempts());

        vod.reset();
        vod.enqueue(Fault.SIGNATURE_EXPIRED, Fault.SIGNATURE_EXPIRED);
        FunctionFailure failure = assertThrows(FunctionFailure.class,
                () -> client.call("CreateAigcCustomElement", PAYLOAD, permanent));
        assertEquals("AuthFailure.SignatureExpire", failure.code());
        assertEquals(2, vod.calls().size(), "re-signed once, not more");
    }

    @Test
    void internalErrorIsNotRetriedBecauseTheCreateMayHaveSucceeded() {
        vod.enqueue(Fault.INTERNAL_ERROR);
        FunctionFailure failure = assertThrows(FunctionFailure.class,
                () -> client.call("CreateAigcCustomElement", PAYLOAD, permanent));
        assertEquals(FailureKind.REJECTED_BY_VOD, failure.kind());
        assertEquals("InternalError", failure.code());
        assertEquals(1, vod.calls().size());
    }
}
