package dev.vodelement.vod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.failure.FailureKind;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.standin.VodStandIn;
import dev.vodelement.standin.VodStandIn.Fault;
import dev.vodelement.standin.VodStandInResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The read timeout, in an application of its own with a short one (500 ms) while the stand-in takes
 * 20 times longer: the outcome cannot depend on how busy the machine is.
 */
@QuarkusTest
@WithTestResource(value = VodStandInResource.class,
        initArgs = @ResourceArg(name = VodStandInResource.READ_TIMEOUT_MILLIS, value = "500"))
class VodReadTimeoutTest {

    @Inject
    VodClient client;

    private final VodStandIn vod = VodStandIn.shared();

    @BeforeEach
    void reset() {
        vod.reset();
        vod.slowAnswersTake(10_000);
    }

    @Test
    void answersSlowerThanTheReadTimeoutAreRetriedThenUnavailable() {
        vod.enqueue(Fault.SLOW, Fault.SLOW, Fault.SLOW);
        FunctionFailure failure = assertThrows(FunctionFailure.class, () -> client.call("CreateAigcCustomElement",
                VodClientTest.PAYLOAD, new TencentCredentials(VodStandIn.SECRET_ID, VodStandIn.SECRET_KEY, null)));
        assertEquals(FailureKind.UNAVAILABLE, failure.kind());
        assertTrue(failure.getMessage().contains("timed out"), failure.getMessage());
        assertEquals(3, failure.attempts());
    }
}
