package dev.vodelement.standin;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;

/**
 * The JDK's HTTP servers on loopback, for the stand-ins, answering as promptly as real servers. The
 * JDK's server leaves Nagle's algorithm on, so an answer written as headers, then body waits for
 * the client's delayed ACK (40 ms on Linux) before its body leaves: every VOD, COS or runtime API
 * answer would carry that delay, which no real endpoint adds, and timings would measure the stand-in.
 * The switch is read once, when the JDK's server is first used, so every stand-in creates its server here.
 */
public final class LoopbackHttpServers {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private LoopbackHttpServers() {
    }

    public static HttpServer http(int port) throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    }

    public static HttpsServer https(int port) throws IOException {
        return HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    }
}
