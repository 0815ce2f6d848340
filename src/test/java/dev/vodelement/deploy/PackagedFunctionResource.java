package dev.vodelement.deploy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.vodelement.bench.ColdStartImageHost;
import dev.vodelement.standin.VodStandInResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The packaged application (jar or native executable) against the shared VOD stand-in and a
 * loopback image host serving samples/images, which the image checks may reach.
 */
public class PackagedFunctionResource implements QuarkusTestResourceLifecycleManager {

    static volatile ColdStartImageHost images;

    @Override
    public Map<String, String> start() {
        try {
            images = ColdStartImageHost.start(Path.of("samples/images"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> config = new HashMap<>(new VodStandInResource().start());
        return config;
    }

    @Override
    public void stop() {
        if (images != null) {
            images.close();
        }
    }
}
