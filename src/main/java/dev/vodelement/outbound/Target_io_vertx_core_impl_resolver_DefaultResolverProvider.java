package dev.vodelement.outbound;

import java.net.InetSocketAddress;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

import io.netty.resolver.AddressResolverGroup;
import io.vertx.core.dns.AddressResolverOptions;

/**
 * Native executable only (a GraalVM substitution; the JVM never sees it): the resolver that Vert.x's
 * {@code DefaultResolverProvider} hands out becomes {@link NativeDnsResolver}'s asynchronous DNS
 * client instead of the JDK's blocking lookup.
 *
 * <p>Why this method: quarkus-vertx already substitutes {@code ResolverProvider.factory} so that
 * native images always get a {@code DefaultResolverProvider} (and two substitutions of one method
 * fail the build); its {@code resolver} method is the one place left where the resolver is chosen,
 * and it is given the {@link AddressResolverOptions} that Quarkus built from
 * {@code quarkus.vertx.resolver.*}. Its {@code close} stays Vert.x's no-op: Netty closes each DNS
 * resolver when the event loop it belongs to terminates, as Vert.x's event loops do when it closes.
 */
@TargetClass(className = "io.vertx.core.impl.resolver.DefaultResolverProvider")
final class Target_io_vertx_core_impl_resolver_DefaultResolverProvider {

    @Substitute
    public AddressResolverGroup<InetSocketAddress> resolver(AddressResolverOptions options) {
        return NativeDnsResolver.group(options);
    }
}
