package dev.vodelement.outbound;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.resolver.HostsFileEntries;
import io.netty.resolver.HostsFileEntriesResolver;
import io.netty.resolver.HostsFileParser;
import io.netty.resolver.ResolvedAddressTypes;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsServerAddresses;
import io.netty.util.NetUtil;
import io.vertx.core.VertxException;
import io.vertx.core.dns.AddressResolverOptions;

/**
 * The address resolver the native executable gives Vert.x, and so every outbound client on the
 * function's Vert.x (image checks, COS, VOD's REST client, the Custom Runtime loop): Netty's
 * asynchronous DNS client, built from Vert.x's {@link AddressResolverOptions} the way Vert.x's own
 * {@code DnsResolverProvider} builds it on the JVM with {@code quarkus.vertx.use-async-dns=true}.
 *
 * <p>Why it exists: in native images Quarkus replaces Vert.x's choice of resolver with the JDK's
 * blocking lookup (quarkus-vertx's {@code TargetResolverProvider} substitution), run on the event
 * loop that opens the connection, and in the static executable that lookup is musl's
 * {@code getaddrinfo}, which (before musl 1.2.4) never retries over TCP when a UDP answer comes back
 * truncated. {@link Target_io_vertx_core_impl_resolver_DefaultResolverProvider} puts this resolver
 * back in natively; on the JVM the class is unused by the application (tests build it directly).
 *
 * <p>Queries go over UDP ({@link NioDatagramChannel}), and over TCP ({@link NioSocketChannel}) when
 * an answer is truncated: that is what setting Netty's socket channel type turns on. NIO channels,
 * because Vert.x's event loops are NIO ones unless a native transport is preferred, which this
 * function does not do (an epoll event loop cannot register NIO channels).
 *
 * <p>Options left unset keep Netty's defaults, which read {@code /etc/resolv.conf} (nameservers,
 * {@code search}, {@code ndots}) and {@code /etc/hosts} when the process runs: netty-resolver-dns
 * initialises the classes that hold them at run time in native images.
 */
public final class NativeDnsResolver {

    /** The system property through which Quarkus says {@code quarkus.vertx.use-async-dns=false}. */
    static final String DISABLED_PROPERTY = "vertx.disableDnsResolver";

    private NativeDnsResolver() {
    }

    /**
     * The resolver for these options; the blocking system lookup when asynchronous DNS was switched
     * off (the property Quarkus sets for {@code quarkus.vertx.use-async-dns=false}, read as Vert.x's
     * {@code ResolverProvider.factory} reads it on the JVM), so that setting means the same natively.
     */
    public static AddressResolverGroup<InetSocketAddress> group(AddressResolverOptions options) {
        if (Boolean.getBoolean(DISABLED_PROPERTY)) {
            return DefaultAddressResolverGroup.INSTANCE;
        }
        return new DnsAddressResolverGroup(builder(options));
    }

    /** What Vert.x's {@code DnsResolverProvider} sets from the options, on NIO channels, TCP included. */
    static DnsNameResolverBuilder builder(AddressResolverOptions options) {
        DnsNameResolverBuilder builder = new DnsNameResolverBuilder()
                .datagramChannelType(NioDatagramChannel.class)
                .socketChannelType(NioSocketChannel.class)
                .optResourceEnabled(options.isOptResourceEnabled())
                .ttl(options.getCacheMinTimeToLive(), options.getCacheMaxTimeToLive())
                .negativeTtl(options.getCacheNegativeTimeToLive())
                .queryTimeoutMillis(options.getQueryTimeout())
                .maxQueriesPerResolve(options.getMaxQueries())
                .recursionDesired(options.getRdFlag());
        List<String> servers = options.getServers();
        if (servers != null && !servers.isEmpty()) {
            List<InetSocketAddress> addresses = servers.stream().map(NativeDnsResolver::server).toList();
            DnsServerAddresses all = options.isRotateServers() ? DnsServerAddresses.rotational(addresses)
                    : DnsServerAddresses.sequential(addresses);
            builder.nameServerProvider(hostname -> all.stream());
        }
        HostsFileEntries hosts = hosts(options);
        if (hosts != null) {
            builder.hostsFileEntriesResolver(new FixedHosts(hosts));
        }
        if (options.getSearchDomains() != null) {
            builder.searchDomains(options.getSearchDomains());
            // -1 is Vert.x's "as resolv.conf says": Netty's own default, read at run time
            if (options.getNdots() >= 0) {
                builder.ndots(options.getNdots());
            }
        }
        return builder;
    }

    /** {@code ip} or {@code ip:port}, as Vert.x reads a configured server (port 53 when none). */
    private static InetSocketAddress server(String server) {
        int colon = server.indexOf(':');
        String ip = colon < 0 ? server : server.substring(0, colon);
        int port = colon < 0 ? 53 : Integer.parseInt(server.substring(colon + 1));
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(ip);
        if (bytes == null) {
            throw new VertxException("DNS server is not an IP address: " + server);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        } catch (UnknownHostException e) {
            throw new VertxException(e);
        }
    }

    /** The configured hosts file or hosts value; null for Netty's default (/etc/hosts, at run time). */
    private static HostsFileEntries hosts(AddressResolverOptions options) {
        try {
            if (options.getHostsPath() != null) {
                File file = new File(options.getHostsPath()).getAbsoluteFile();
                if (!file.isFile()) {
                    throw new VertxException("Cannot read hosts file " + file);
                }
                return HostsFileParser.parse(file);
            }
            if (options.getHostsValue() != null) {
                return HostsFileParser.parse(new StringReader(options.getHostsValue().toString()));
            }
            return null;
        } catch (IOException e) {
            throw new VertxException("Cannot read hosts " + options.getHostsPath(), e);
        }
    }

    /** Lookups in a hosts file given by configuration, case-insensitive as Vert.x's are. */
    private record FixedHosts(HostsFileEntries entries) implements HostsFileEntriesResolver {

        @Override
        public InetAddress address(String host, ResolvedAddressTypes types) {
            String name = host.toLowerCase(Locale.ENGLISH);
            InetAddress v4 = entries.inet4Entries().get(name);
            InetAddress v6 = entries.inet6Entries().get(name);
            return switch (types) {
                case IPV4_ONLY -> v4;
                case IPV6_ONLY -> v6;
                case IPV4_PREFERRED -> v4 != null ? v4 : v6;
                case IPV6_PREFERRED -> v6 != null ? v6 : v4;
            };
        }
    }
}
