package dev.vodelement.image.address;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.quarkus.runtime.ImageMode;
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
     * Vert.x's own resolver (with {@code quarkus.vertx.use-async-dns=true}, as the application sets
     * it: asynchronous DNS over UDP/TCP, reading /etc/hosts and resolv.conf), asked for all
     * addresses: Vert.x's public {@code resolveAddress} gives only one, and every address counts.
     */
    static HostResolver of(Vertx vertx) {
        return ImageMode.current() == ImageMode.NATIVE_RUN ? onOwnThread(vertx) : host -> {
            Promise<List<InetSocketAddress>> all = Promise.promise();
            ((VertxInternal) vertx).addressResolver().resolveHostnameAll(host, all);
            return all.future().map(addresses -> addresses.stream().map(InetSocketAddress::getAddress).toList());
        };
    }

    /**
     * The system resolver (libc's: musl's in the static executable) on a daemon thread of its own per
     * lookup, the answer handed back on Vert.x's context. For the native executable, where Quarkus
     * replaces Vert.x's resolver with that same blocking lookup run on the event loop itself
     * (quarkus-vertx's {@code TargetResolverProvider} substitution, whatever
     * {@code quarkus.vertx.use-async-dns} says): a DNS server that never answers would stall every
     * connection of that event loop. Here it holds only its own thread, which ends when libc gives up
     * (resolv.conf's timeout x attempts); the caller stops waiting at its deadline.
     */
    static HostResolver onOwnThread(Vertx vertx) {
        return host -> {
            Promise<List<InetAddress>> answer = Promise.promise();
            io.vertx.core.Context context = vertx.getOrCreateContext();
            Thread lookup = new Thread(() -> {
                try {
                    List<InetAddress> all = List.of(InetAddress.getAllByName(host));
                    context.runOnContext(v -> answer.tryComplete(all));
                } catch (UnknownHostException | RuntimeException e) {
                    context.runOnContext(v -> answer.tryFail(e));
                }
            }, "dns-lookup");
            lookup.setDaemon(true);
            lookup.start();
            return answer.future();
        };
    }
}
