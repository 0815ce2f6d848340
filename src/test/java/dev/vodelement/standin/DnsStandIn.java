package dev.vodelement.standin;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A DNS server on a loopback address, UDP and TCP, for what a resolver does with real answers:
 * A records for the names it is given (everything else NXDOMAIN, AAAA queries answered empty), and
 * for names marked {@link #oversized} an answer too long for a 512-byte UDP message, so that over UDP
 * it answers only the header with TC (truncated) set and the whole answer over TCP, as real servers
 * do. A resolver without TCP fallback (musl before 1.2.4) finds no address for such a name. Binds
 * port 53 (root only), since /etc/resolv.conf has no way to name another: a test that uses it puts
 * its own resolv.conf in front of the process in a mount namespace of its own.
 */
public final class DnsStandIn implements AutoCloseable {

    /** One question the server was asked: its name (lower case, no trailing dot), type, and transport. */
    public record Query(String name, int type, boolean tcp) {
    }

    public static final int TYPE_A = 1;
    public static final int TYPE_AAAA = 28;
    /** A records in an oversized answer: 40 x 16 bytes of records alone is past 512. */
    private static final int OVERSIZED_RECORDS = 40;

    private final InetAddress address;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Map<String, InetAddress> names = new ConcurrentHashMap<>();
    private final Set<String> oversized = ConcurrentHashMap.newKeySet();
    private final List<Query> queries = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private DnsStandIn(InetAddress address, DatagramSocket udp, ServerSocket tcp) {
        this.address = address;
        this.udp = udp;
        this.tcp = tcp;
    }

    /** Listens on port 53 of {@code address} (a loopback address of the test's choosing). */
    public static DnsStandIn start(InetAddress address) throws IOException {
        return start(address, 53);
    }

    /**
     * Listens on {@code port} of {@code address}, UDP and TCP alike; port 0 picks a free one (for a
     * resolver told the server's port directly, which needs no root).
     */
    public static DnsStandIn start(InetAddress address, int port) throws IOException {
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, port));
        ServerSocket tcp;
        try {
            tcp = new ServerSocket();
            tcp.bind(new InetSocketAddress(address, udp.getLocalPort()));
        } catch (IOException e) {
            udp.close();
            throw e;
        }
        DnsStandIn server = new DnsStandIn(address, udp, tcp);
        daemon(server::serveUdp, "dns-stand-in-udp").start();
        daemon(server::serveTcp, "dns-stand-in-tcp").start();
        return server;
    }

    /** The address to write in resolv.conf's {@code nameserver} line. */
    public InetAddress address() {
        return address;
    }

    /** The port it listens on, UDP and TCP. */
    public int port() {
        return udp.getLocalPort();
    }

    /** Answers {@code name} with one A record. */
    public DnsStandIn name(String name, InetAddress ipv4) {
        names.put(normal(name), ipv4);
        return this;
    }

    /** Answers {@code name} with {@value #OVERSIZED_RECORDS} A records of {@code ipv4}: only over TCP. */
    public DnsStandIn oversized(String name, InetAddress ipv4) {
        name(name, ipv4);
        oversized.add(normal(name));
        return this;
    }

    public List<Query> queries() {
        return Collections.unmodifiableList(new ArrayList<>(queries));
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    private void serveUdp() {
        byte[] buffer = new byte[512];
        while (!closed) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                byte[] answer = answer(java.util.Arrays.copyOf(packet.getData(), packet.getLength()), false);
                if (answer != null) {
                    udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void serveTcp() {
        while (!closed) {
            try {
                Socket connection = tcp.accept();
                daemon(() -> serveConnection(connection), "dns-stand-in-tcp-connection").start();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void serveConnection(Socket connection) {
        try (connection) {
            DataInputStream in = new DataInputStream(connection.getInputStream());
            DataOutputStream out = new DataOutputStream(connection.getOutputStream());
            while (true) {
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                byte[] answer = answer(query, true);
                if (answer == null) {
                    return;
                }
                out.writeShort(answer.length);
                out.write(answer);
                out.flush();
            }
        } catch (IOException endOfConnection) {
            // the resolver hung up
        }
    }

    /** The response to one query message, or null for one that cannot be parsed. */
    private byte[] answer(byte[] query, boolean overTcp) throws IOException {
        if (query.length < 12 || ((query[4] << 8) | (query[5] & 0xFF)) != 1) {
            return null;
        }
        int at = 12;
        List<String> labels = new ArrayList<>();
        while (at < query.length && query[at] != 0) {
            int length = query[at] & 0xFF;
            if (length > 63 || at + 1 + length > query.length) {
                return null;
            }
            labels.add(new String(query, at + 1, length, StandardCharsets.US_ASCII));
            at += 1 + length;
        }
        if (at + 5 > query.length) {
            return null;
        }
        int questionEnd = at + 5;
        int type = ((query[at + 1] & 0xFF) << 8) | (query[at + 2] & 0xFF);
        String name = normal(String.join(".", labels));
        queries.add(new Query(name, type, overTcp));

        InetAddress ipv4 = names.get(name);
        boolean big = oversized.contains(name);
        boolean truncate = big && !overTcp && type == TYPE_A;
        int records = ipv4 == null || type != TYPE_A || truncate ? 0 : big ? OVERSIZED_RECORDS : 1;
        int rcode = ipv4 == null ? 3 : 0; // NXDOMAIN for names it does not know

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(query, 0, 2); // the query's id
        int recursionDesired = query[2] & 0x01;
        out.writeByte(0x80 | 0x04 | (truncate ? 0x02 : 0) | recursionDesired); // QR, AA, TC, RD
        out.writeByte(0x80 | rcode); // RA, RCODE
        out.writeShort(1);
        out.writeShort(records);
        out.writeShort(0);
        out.writeShort(0);
        out.write(query, 12, questionEnd - 12);
        for (int i = 0; i < records; i++) {
            out.writeShort(0xC00C); // the question's name
            out.writeShort(TYPE_A);
            out.writeShort(1); // IN
            out.writeInt(60);
            out.writeShort(4);
            out.write(ipv4.getAddress());
        }
        return bytes.toByteArray();
    }

    private static String normal(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
