package dev.vodelement.image.inspect;

import java.time.Duration;

import java.util.concurrent.ExecutionException;

import io.vertx.core.net.TrustOptions;

import dev.vodelement.image.Deadline;
import dev.vodelement.image.ImageRejected;
import dev.vodelement.image.address.AddressGuard;
import dev.vodelement.image.address.AddressPolicy;
import dev.vodelement.image.address.HostResolver;
import dev.vodelement.image.http.ImageHttpClient;
import dev.vodelement.standin.StandaloneVertx;
import dev.vodelement.standin.ImageServer;

/** Builds a single-image probe the way {@link HttpImageInspector} does, with test doubles where DNS or trust need them. */
final class Probes {

    private final TestImageCheckConfig config;
    private final HostResolver resolver;
    private final AddressPolicy policy;
    private final TrustOptions tls;

    private Probes(TestImageCheckConfig config, HostResolver resolver, AddressPolicy policy, TrustOptions tls) {
        this.config = config;
        this.resolver = resolver;
        this.policy = policy;
        this.tls = tls;
    }

    static Probes onLoopback() {
        return new Probes(TestImageCheckConfig.onLoopback(), HostResolver.of(StandaloneVertx.get()), AddressPolicy.ALLOW_ALL,
                ImageServer.clientTls());
    }

    Probes with(TestImageCheckConfig value) {
        return new Probes(value, resolver, policy, tls);
    }

    Probes resolvingWith(HostResolver value) {
        return new Probes(config, value, policy, tls);
    }

    Probes guardedBy(AddressPolicy value) {
        return new Probes(config, resolver, value, tls);
    }

    /** Trusting what the JDK trusts, as the function does, instead of the stand-in's certificate. */
    Probes withJdkTrust() {
        return new Probes(config, resolver, policy, null);
    }

    /** One probe, waited for: its verdict is thrown as the {@link ImageRejected} it failed with. */
    UrlProbe.Result run(String url) throws ImageRejected {
        var vertx = StandaloneVertx.get();
        UrlProbe probe = new UrlProbe(vertx, new AddressGuard(resolver, policy, vertx),
                new ImageHttpClient(vertx, tls, config.connectTimeout(), config.readTimeout()), ProbeLimits.of(config));
        try {
            return probe.run(url, Deadline.after(config.deadline())).toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImageRejected rejected) {
                throw rejected;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Duration deadline() {
        return config.deadline();
    }
}
