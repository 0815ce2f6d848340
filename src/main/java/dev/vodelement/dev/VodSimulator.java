package dev.vodelement.dev;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.vodelement.config.VodConfig;
import dev.vodelement.invocation.LogValue;

import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Dev mode only ({@code ./mvnw quarkus:dev}): a VOD endpoint at {@code /dev/vod} that checks TC3
 * signatures the way VOD does (against the dev profile's key pair) and answers ElementIds, and the
 * sample images of {@code samples/images} at {@code /dev/images}, with range support. It lets anyone
 * try a real signed round trip without a cloud account. The bean exists only in the dev build
 * profile, and the packaged application leaves these classes out altogether.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class VodSimulator {

    private static final Logger LOG = Logger.getLogger(VodSimulator.class);

    private final Tc3Check check;
    private final AtomicLong nextElementId = new AtomicLong(100_000_001L);

    public VodSimulator(VodConfig config) {
        this.check = new Tc3Check(config.secretId().orElse(""), config.secretKey().orElse(""));
    }

    void install(@Observes Router router) {
        router.post("/dev/vod").handler(BodyHandler.create()).handler(this::answer);
        router.get("/dev/images/*").handler(StaticHandler.create(FileSystemAccess.RELATIVE, "samples/images")
                .setCachingEnabled(false));
        LOG.infof("VOD simulator at /dev/vod, sample images at /dev/images (dev mode only)");
    }

    /**
     * Answers as VOD does, with HTTP 200 and {@code {"Response": {...}}} whatever went wrong: a
     * garbled request gets VOD's error code, never a 500 or a stack trace.
     */
    private void answer(RoutingContext context) {
        JsonObject response;
        try {
            response = respond(context);
        } catch (RuntimeException unexpected) {
            LOG.warnf("simulated VOD could not judge a request: %s", LogValue.of(unexpected.toString()));
            response = new JsonObject().put("Error", new JsonObject().put("Code", "InternalError")
                    .put("Message", "the dev simulator could not judge this request"));
        }
        response.put("RequestId", UUID.randomUUID().toString());
        LOG.infof("simulated VOD answered %s", LogValue.of(response.encode()));
        context.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("Response", response).encode());
    }

    private JsonObject respond(RoutingContext context) {
        String body = context.body() == null ? null : context.body().asString();
        Tc3Check.VodError problem = check.problem(context.request()::getHeader,
                (body == null ? "" : body).getBytes(StandardCharsets.UTF_8), Instant.now());
        JsonObject response = new JsonObject();
        if (problem != null) {
            response.put("Error", new JsonObject().put("Code", problem.code()).put("Message", problem.message()));
        } else if (!"CreateAigcCustomElement".equals(context.request().getHeader("X-TC-Action"))) {
            response.put("Error", new JsonObject().put("Code", "InvalidAction").put("Message", "unknown action"));
        } else {
            response.put("ElementId", Long.toString(nextElementId.getAndIncrement()));
        }
        return response;
    }
}
