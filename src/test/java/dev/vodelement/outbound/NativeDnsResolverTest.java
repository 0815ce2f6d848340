package dev.vodelement.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vodelement.standin.DnsStandIn;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.dns.AddressResolverOptions;

/**
 * The resolver the native executable gives Vert.x, run here on the JVM on a Netty event loop (the
 * substitution that installs it exists only natively): against a DNS stand-in on a loopback port,
 * an answer that only fits over TCP, a short name completed by a search domain, a configured hosts
 * file. NameResolutionIT checks the same through the static executable with its own resolv.conf.
 */
class NativeDnsResolverTest {

    private static final InetAddress IMAGE_HOST = address(127, 0, 0, 7);

    private static NioEventLoopGroup loops;
    private static DnsStandIn dns;

    @BeforeAll
    static void start() throws Exception {
        loops = new NioEventLoopGroup(1);
        dns = DnsStandIn.start(InetAddress.getLoopbackAddress(), 0)
                .oversized("big.svc.test", IMAGE_HOST)
                .name("images.svc.test", IMAGE_HOST);
    }

    @AfterAll
    static void stop() {
        dns.close();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aNameWhoseAnswerOnlyFitsOverTcpResolves() throws Exception {
        List<InetAddress> found = resolve("big.svc.test");

        assertTrue(found.contains(IMAGE_HOST), found::toString);
        assertTrue(dns.queries().stream().anyMatch(q -> q.name().equals("big.svc.test") && !q.tcp()),
                dns.queries()::toString);
        assertTrue(dns.queries().stream().anyMatch(q -> q.name().equals("big.svc.test") && q.tcp()),
                () -> "retried over TCP: " + dns.queries());
    }

    @Test
    void aShortNameIsCompletedByTheSearchDomain() throws Exception {
        assertEquals(List.of(IMAGE_HOST), resolve("images"));
    }

    @Test
    void aConfiguredHostsFileAnswersWithoutAQuery() throws Exception {
        assertEquals(List.of(address(127, 0, 0, 9)), resolve("Fixed.Hosts.Test"));
        assertTrue(dns.queries().stream().noneMatch(q -> q.name().contains("hosts.test")), dns.queries()::toString);
    }

    @Test
    void asynchronousDnsSwitchedOffIsTheBlockingLookup() {
        String before = System.getProperty(NativeDnsResolver.DISABLED_PROPERTY);
        System.setProperty(NativeDnsResolver.DISABLED_PROPERTY, "true");
        try {
            assertSame(DefaultAddressResolverGroup.INSTANCE, NativeDnsResolver.group(options()));
        } finally {
            if (before == null) {
                System.clearProperty(NativeDnsResolver.DISABLED_PROPERTY);
            } else {
                System.setProperty(NativeDnsResolver.DISABLED_PROPERTY, before);
            }
        }
    }

    /** Options as Quarkus builds them, pointed at the stand-in, with a search domain and a hosts value. */
    private static AddressResolverOptions options() {
        return new AddressResolverOptions()
                .setServers(List.of("127.0.0.1:" + dns.port()))
                .setSearchDomains(List.of("svc.test"))
                .setNdots(1)
                .setQueryTimeout(2_000)
                .setHostsValue(Buffer.buffer("127.0.0.9 fixed.hosts.test\n"));
    }

    private static List<InetAddress> resolve(String host) throws Exception {
        AddressResolverGroup<InetSocketAddress> group = NativeDnsResolver.group(options());
        try {
            EventLoop loop = loops.next();
            List<InetSocketAddress> all = group.getResolver(loop)
                    .resolveAll(InetSocketAddress.createUnresolved(host, 0)).get(10, TimeUnit.SECONDS);
            return all.stream().map(InetSocketAddress::getAddress).distinct().toList();
        } finally {
            group.close();
        }
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
