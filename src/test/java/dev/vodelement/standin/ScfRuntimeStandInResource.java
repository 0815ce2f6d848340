package dev.vodelement.standin;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts an {@link ScfRuntimeStandIn} before the application and announces it the way SCF does,
 * so that the application starts its Custom Runtime loop on its own at start-up.
 */
public class ScfRuntimeStandInResource implements QuarkusTestResourceLifecycleManager {

    private static volatile ScfRuntimeStandIn standIn;

    public static ScfRuntimeStandIn standIn() {
        return standIn;
    }

    @Override
    public Map<String, String> start() {
        standIn = ScfRuntimeStandIn.start();
        return Map.of("scf.runtime-api", standIn.host(), "scf.runtime-api-port", Integer.toString(standIn.port()));
    }

    @Override
    public void stop() {
        // After the application stopped (and with it the loop).
        standIn.close();
    }
}
