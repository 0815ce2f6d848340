package dev.vodelement.image.inspect;

import java.time.Duration;

import javax.net.ssl.SSLSocketFactory;

import dev.vodelement.image.Deadline;
import dev.vodelement.image.ImageRejected;
import dev.vodelement.image.address.AddressGuard;
import dev.vodelement.image.address.AddressPolicy;
import dev.vodelement.image.address.HostResolver;
import dev.vodelement.image.fetch.ImageHttpClient;
import dev.vodelement.standin.ImageServer;

/** Builds a single-image probe the way {@link HttpImageInspector} does, with test doubles where DNS or trust need them. */
final class Probes {

    private final TestImageCheckConfig config;
    private final HostResolver resolver;
    private final AddressPolicy policy;
    private final SSLSocketFactory tls;

    private Probes(TestImageCheckConfig config, HostResolver resolver, AddressPolicy policy, SSLSocketFactory tls) {
        this.config = config;
        this.resolver = resolver;
        this.policy = policy;
        this.tls = tls;
    }

    static Probes onLoopback() {
        return new Probes(TestImageCheckConfig.onLoopback(), HostResolver.SYSTEM, AddressPolicy.ALLOW_ALL,
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

    Probes with(SSLSocketFactory value) {
        return new Probes(config, resolver, policy, value);
    }

    UrlProbe.Result run(String url) throws ImageRejected {
        UrlProbe probe = new UrlProbe(new AddressGuard(resolver, policy),
                new ImageHttpClient(tls, config.connectTimeout(), config.readTimeout()), ProbeLimits.of(config));
        return probe.run(url, Deadline.after(config.deadline()));
    }

    Duration deadline() {
        return config.deadline();
    }
}
