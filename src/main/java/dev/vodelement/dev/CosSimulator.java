package dev.vodelement.dev;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.vodelement.config.VodConfig;
import dev.vodelement.invocation.LogValue;

import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Dev mode only ({@code ./mvnw quarkus:dev}): a COS bucket at {@code /dev/cos}, made of
 * {@code samples/} (see {@link SampleBucket}), so that the README's sample COS event creates an
 * element without a cloud account. The dev profile points {@code vod.cos.endpoint-override} here;
 * what the function writes lands in {@code target/dev-bucket/}. The bean exists only in the dev
 * build profile, and the packaged application leaves these classes out altogether.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class CosSimulator {

    static final String PATH = "/dev/cos";
    private static final Logger LOG = Logger.getLogger(CosSimulator.class);

    private final SampleBucket bucket;

    public CosSimulator(VodConfig config) {
        this.bucket = new SampleBucket(Path.of("samples"), Path.of("target", "dev-bucket"),
                config.secretId().orElse(null), config.secretKey().orElse(""), Clock.systemUTC());
    }

    void install(@Observes Router router) {
        install(router, bucket);
        LOG.infof("COS bucket simulator at %s: samples/ read-only, writes in target/dev-bucket (dev mode only)", PATH);
    }

    /** The bucket's routes on a router; a test installs them on a server of its own. */
    static void install(Router router, SampleBucket bucket) {
        router.route(PATH + "/*").handler(BodyHandler.create()).blockingHandler(context -> answer(context, bucket));
    }

    private static void answer(RoutingContext context, SampleBucket bucket) {
        String rawPath = context.request().path();
        String key = URLDecoder.decode(rawPath.substring(PATH.length() + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        context.request().headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        Buffer body = context.body() == null ? null : context.body().buffer();
        String method = context.request().method().name();
        SampleBucket.Answer answer = bucket.handle(method, key, context.request().query(), headers,
                body == null ? new byte[0] : body.getBytes());
        LOG.debugf("simulated COS: %s %s -> %d", method, LogValue.of(key), answer.status());
        var response = context.response().setStatusCode(answer.status());
        answer.headers().forEach(response::putHeader);
        response.end(Buffer.buffer(answer.body()));
    }
}
