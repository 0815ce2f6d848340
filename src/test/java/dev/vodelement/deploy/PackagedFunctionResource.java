package dev.vodelement.deploy;

import java.util.HashMap;
import java.util.Map;

import dev.vodelement.bench.ColdStartImages;
import dev.vodelement.standin.ImageServer;
import dev.vodelement.standin.VodStandInResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The packaged application (jar or native executable) against the shared VOD stand-in and a
 * loopback image host serving samples/images, which the image checks may reach.
 */
public class PackagedFunctionResource implements QuarkusTestResourceLifecycleManager {

    static volatile ImageServer images;

    @Override
    public Map<String, String> start() {
        images = ColdStartImages.serveSamples(ImageServer.start());
        Map<String, String> config = new HashMap<>(new VodStandInResource().start());
        // The packaged application runs in the prod profile, where loopback image hosts are refused.
        config.put("vod.image-check.allow-private-networks", "true");
        return config;
    }

    @Override
    public void stop() {
        if (images != null) {
            images.close();
        }
    }
}
