package dev.vodelement.standin;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the application under test an idempotency store ({@code vod.idempotency.*}): a private
 * bucket on its own {@link CosStandIn}, plain http on loopback, accepting the VOD stand-in's keys
 * (the function signs COS requests with the same credentials as VOD calls).
 */
public class IdempotencyStoreResource implements QuarkusTestResourceLifecycleManager {

    public static volatile CosStandIn cos;

    @Override
    public Map<String, String> start() {
        cos = CosStandIn.start().accept(VodStandIn.SECRET_ID, VodStandIn.SECRET_KEY, null)
                .accept(VodStandIn.TEMP_SECRET_ID, VodStandIn.TEMP_SECRET_KEY, VodStandIn.TEMP_TOKEN)
                .privateBucket(true);
        return Map.of("vod.idempotency.endpoint", "http://" + cos.host() + ":" + cos.port(),
                "vod.idempotency.prefix", "idempotency/");
    }

    @Override
    public void stop() {
        if (cos != null) {
            cos.close();
        }
    }
}
