package dev.vodelement.dev;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.vodelement.config.VodConfig;
import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.invocation.LogValue;
import dev.vodelement.vod.Tc3Signer;

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

    private final VodConfig config;
    private final Tc3Signer signer = new Tc3Signer();
    private final AtomicLong nextElementId = new AtomicLong(100_000_001L);

    public VodSimulator(VodConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        router.post("/dev/vod").handler(BodyHandler.create()).handler(this::answer);
        router.get("/dev/images/*").handler(StaticHandler.create(FileSystemAccess.RELATIVE, "samples/images")
                .setCachingEnabled(false));
        LOG.infof("VOD simulator at /dev/vod, sample images at /dev/images (dev mode only)");
    }

    private void answer(RoutingContext context) {
        String requestId = UUID.randomUUID().toString();
        String problem = signatureProblem(context);
        JsonObject response = new JsonObject().put("RequestId", requestId);
        if (problem != null) {
            response.put("Error", new JsonObject().put("Code", "AuthFailure.SignatureFailure").put("Message", problem));
        } else if (!"CreateAigcCustomElement".equals(context.request().getHeader("X-TC-Action"))) {
            response.put("Error", new JsonObject().put("Code", "InvalidAction").put("Message", "unknown action"));
        } else {
            response.put("ElementId", Long.toString(nextElementId.getAndIncrement()));
        }
        LOG.infof("simulated VOD answered %s", LogValue.of(response.encode()));
        context.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("Response", response).encode());
    }

    /** Recomputes the signature from what was received, as VOD does; null when it matches. */
    private String signatureProblem(RoutingContext context) {
        String authorization = context.request().getHeader("Authorization");
        if (authorization == null || !authorization.startsWith(Tc3Signer.ALGORITHM + " ")) {
            return "no TC3-HMAC-SHA256 Authorization header";
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : authorization.substring(Tc3Signer.ALGORITHM.length() + 1).split(",\\s*")) {
            String[] kv = part.split("=", 2);
            parts.put(kv[0].trim(), kv.length > 1 ? kv[1].trim() : "");
        }
        String[] scope = parts.getOrDefault("Credential", "").split("/");
        if (scope.length != 4 || !"vod".equals(scope[2])) {
            return "credential scope must be <SecretId>/<date>/vod/tc3_request";
        }
        String expectedId = config.secretId().orElse("");
        if (!scope[0].equals(expectedId)) {
            return "unknown SecretId";
        }
        long timestamp = Long.parseLong(context.request().getHeader("X-TC-Timestamp"));
        if (Math.abs(Instant.now().getEpochSecond() - timestamp) > 300) {
            return "timestamp is more than 5 minutes off";
        }
        Map<String, String> signed = new LinkedHashMap<>();
        for (String name : parts.getOrDefault("SignedHeaders", "").split(";")) {
            String value = context.request().getHeader(name);
            if (value == null) {
                return "signed header " + name + " was not sent";
            }
            signed.put(name, value);
        }
        TencentCredentials account = new TencentCredentials(expectedId, config.secretKey().orElse(""),
                config.sessionToken().orElse(null));
        String expected = signer.sign(account, "vod", timestamp, signed,
                context.body().asString().getBytes(StandardCharsets.UTF_8)).signature();
        return expected.equals(parts.get("Signature")) ? null : "the request signature does not match";
    }
}
