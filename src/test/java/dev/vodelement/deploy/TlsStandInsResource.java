package dev.vodelement.deploy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.vodelement.bench.ColdStartImages;
import dev.vodelement.standin.CosStandIn;
import dev.vodelement.standin.ImageServer;
import dev.vodelement.standin.TestTls;
import dev.vodelement.standin.VodStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Everything the packaged application talks to, over HTTPS only, with certificates from a test CA
 * that no JDK trusts: VOD ({@link VodStandIn#startTls()}), an image host serving samples/images, and a
 * COS bucket ({@link CosStandIn#startTls()}, reached under the default {@code vod.cos.force-https=true}),
 * which is also the idempotency store ({@code vod.idempotency.endpoint}).
 * The application is told to trust the test CA at run time, the documented way (docs/deploy.md): the
 * {@code javax.net.ssl.trustStore*} system properties, which @QuarkusIntegrationTest passes as
 * {@code -D} options to {@code java -jar} and to the native executable alike. They cover the image
 * checks' own sockets, the COS client and the REST client to VOD.
 */
public class TlsStandInsResource implements QuarkusTestResourceLifecycleManager {

    static volatile VodStandIn vod;
    static volatile ImageServer images;
    static volatile CosStandIn cos;

    @Override
    public Map<String, String> start() {
        Path trustStore = TestTls.temporaryTrustStore();
        vod = VodStandIn.startTls();
        images = ColdStartImages.serveSamples(ImageServer.startTls());
        cos = CosStandIn.startTls().accept(VodStandIn.SECRET_ID, VodStandIn.SECRET_KEY, null).privateBucket(true);

        Map<String, String> config = new HashMap<>();
        config.put("javax.net.ssl.trustStore", trustStore.toString());
        config.put("javax.net.ssl.trustStorePassword", TestTls.PASSWORD);
        config.put("javax.net.ssl.trustStoreType", "PKCS12");
        config.put("vod.endpoint", vod.url());
        config.put("vod.secret-id", VodStandIn.SECRET_ID);
        config.put("vod.secret-key", VodStandIn.SECRET_KEY);
        config.put("vod.session-token", "");
        // the prod profile refuses loopback image hosts and COS hosts outside Tencent's domains
        config.put("vod.image-check.allow-private-networks", "true");
        config.put("vod.cos.allowed-host-suffixes", cos.host());
        // the same bucket is the idempotency store, over https like the rest (IdempotencyIT)
        config.put("vod.idempotency.endpoint", "https://" + cos.host() + ":" + cos.port());
        return config;
    }

    @Override
    public void stop() {
        for (AutoCloseable standIn : new AutoCloseable[] { vod, images, cos }) {
            try {
                if (standIn != null) {
                    standIn.close();
                }
            } catch (Exception ignored) {
                // stopping anyway
            }
        }
    }
}
