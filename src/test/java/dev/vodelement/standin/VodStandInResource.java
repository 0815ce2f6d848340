package dev.vodelement.standin;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the application under test at the shared {@link VodStandIn}, with short backoffs so that
 * fault tests stay fast. The read timeout stays the production one (10 s): a loaded machine must
 * never turn a normal answer into a timeout and a retry. A test about timeouts asks for a short one
 * with the init argument {@value #READ_TIMEOUT_MILLIS}, and makes the stand-in far slower than it.
 */
public class VodStandInResource implements QuarkusTestResourceLifecycleManager {

    /** Init argument: the REST client's read timeout in milliseconds. */
    public static final String READ_TIMEOUT_MILLIS = "read-timeout-millis";

    private Map<String, String> initArgs = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        this.initArgs = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        VodStandIn vod = VodStandIn.shared();
        Map<String, String> config = new HashMap<>(Map.of(
                "vod.endpoint", vod.url(),
                "vod.secret-id", VodStandIn.SECRET_ID,
                "vod.secret-key", VodStandIn.SECRET_KEY,
                "vod.session-token", "",
                "vod.retry.initial-backoff", "20ms",
                "vod.retry.max-backoff", "100ms"));
        if (initArgs.containsKey(READ_TIMEOUT_MILLIS)) {
            config.put("quarkus.rest-client.vod.read-timeout", initArgs.get(READ_TIMEOUT_MILLIS));
        }
        return config;
    }

    @Override
    public void stop() {
        // the stand-in is shared by every test class of the run and ends with the JVM
    }
}
