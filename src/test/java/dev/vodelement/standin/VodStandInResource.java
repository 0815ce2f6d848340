package dev.vodelement.standin;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the application under test at the shared {@link VodStandIn}, with short timeouts and
 * backoffs so that fault tests stay fast.
 */
public class VodStandInResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        VodStandIn vod = VodStandIn.shared();
        return Map.of(
                "vod.endpoint", vod.url(),
                "vod.secret-id", VodStandIn.SECRET_ID,
                "vod.secret-key", VodStandIn.SECRET_KEY,
                "vod.session-token", "",
                "quarkus.rest-client.vod.read-timeout", "1000",
                "vod.retry.initial-backoff", "20ms",
                "vod.retry.max-backoff", "100ms",
                "vod.retry.budget", "8s");
    }

    @Override
    public void stop() {
        // the stand-in is shared by every test class of the run and ends with the JVM
    }
}
