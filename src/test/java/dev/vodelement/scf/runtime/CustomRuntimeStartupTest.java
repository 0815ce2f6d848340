package dev.vodelement.scf.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.standin.ScfRuntimeStandIn;
import dev.vodelement.standin.ScfRuntimeStandIn.Report;
import dev.vodelement.standin.ScfRuntimeStandInResource;
import dev.vodelement.standin.VodStandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** With SCF's runtime API announced in the configuration, the application serves it from start-up on its own. */
@QuarkusTest
@WithTestResource(VodStandInResource.class)
@WithTestResource(ScfRuntimeStandInResource.class)
class CustomRuntimeStartupTest {

    @Test
    void theApplicationSignalsReadyAndServesEvents() throws Exception {
        ScfRuntimeStandIn runtime = ScfRuntimeStandInResource.standIn();

        Report report = runtime.deliver("{\"ElementName\": \"\"}").get(30, TimeUnit.SECONDS);

        assertFalse(report.success());
        assertEquals("InvalidParameterValue.ElementName",
                new ObjectMapper().readTree(report.body()).path("Error").path("Code").asText());
        assertEquals(1, runtime.readyCount());
    }
}
