package dev.vodelement.image.address;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * Resolves a host name to every address it has, without holding a thread while it waits. Called
 * once per hop: the connection then goes to an address that was checked, so a DNS answer that
 * changes between check and connect (rebinding) cannot lead anywhere unchecked. Replaceable in
 * tests, which cannot control real DNS.
 */
@FunctionalInterface
public interface HostResolver {

    /** Every address of {@code host}; fails with {@link java.net.UnknownHostException} when it has none. */
    Future<List<InetAddress>> resolve(String host);

    /**
     * Vert.x's own resolver, asked for all addresses: Vert.x's public {@code resolveAddress} gives
     * only one, and every address counts. Asynchronous on the JVM and in the native executable alike:
     * Netty's DNS client over UDP and TCP, reading /etc/hosts and resolv.conf (on the JVM through
     * {@code quarkus.vertx.use-async-dns=true}, natively through
     * {@link dev.vodelement.outbound.NativeDnsResolver}).
     */
    static HostResolver of(Vertx vertx) {
        return host -> {
            Promise<List<InetSocketAddress>> all = Promise.promise();
            ((VertxInternal) vertx).addressResolver().resolveHostnameAll(host, all);
            return all.future().map(addresses -> addresses.stream().map(InetSocketAddress::getAddress).toList());
        };
    }
}
