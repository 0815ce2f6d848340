package dev.vodelement.deploy;

import java.util.concurrent.TimeUnit;

import dev.vodelement.bench.ColdStartImages;
import dev.vodelement.standin.CosStandIn;
import dev.vodelement.standin.ImageServer;
import dev.vodelement.standin.ScfRuntimeStandIn;
import dev.vodelement.standin.VodStandIn;

/**
 * What an unpacked SCF package talks to in the tests that start it as SCF does: the runtime API, a
 * TC3-verifying VOD, an image host serving the samples, and a private COS bucket accepting the
 * function's credentials; one set per test.
 */
record PackageStandIns(ScfRuntimeStandIn runtime, VodStandIn vod, ImageServer images, CosStandIn cos) {

    static PackageStandIns start() {
        return new PackageStandIns(ScfRuntimeStandIn.start(), VodStandIn.start(),
                ColdStartImages.serveSamples(ImageServer.start()),
                CosStandIn.start().accept(VodStandIn.SECRET_ID, VodStandIn.SECRET_KEY, null).privateBucket(true));
    }

    /** Ends the function as SCF does (SIGTERM, then SIGKILL), then every stand-in. */
    void close(Process function) throws InterruptedException {
        if (function != null) {
            function.destroy();
            if (!function.waitFor(10, TimeUnit.SECONDS)) {
                function.destroyForcibly().waitFor();
            }
        }
        runtime.close();
        vod.close();
        images.close();
        cos.close();
    }
}
