package dev.vodelement.standin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real HTTP/1.1 image server on 127.0.0.1 for tests, written on raw sockets so that it can
 * misbehave the ways real servers do: ignore ranges, lie about Content-Length, send more than it
 * announced, stall, cut the body short, redirect. It counts the bytes it actually got onto the wire
 * per request (the socket's send buffer is kept small, so a client that hangs up early is seen).
 *
 * <pre>
 * try (ImageServer server = ImageServer.start()) {
 *     String url = server.url(ImageServer.FRONT_JPEG);            // a 600x800 JPEG, ready
 *     server.serve("/big.png", bytes, ImageBehaviour.normal().ignoringRanges());
 *     ... server.requests("/big.png").get(0).bytesSent() ...
 * }
 * </pre>
 */
public final class ImageServer implements AutoCloseable {

    /** samples/images/front.jpg, a 768 x 1024 baseline JPEG: the README's and dev mode's front image. */
    public static final String FRONT_JPEG = "/samples/front.jpg";
    /** samples/images/side.png, a 1024 x 768 PNG: the README's and dev mode's side image. */
    public static final String SIDE_PNG = "/samples/side.png";

    private static final int PIECE = 4096;
    private static final char[] KEYSTORE_PASSWORD = "changeit".toCharArray();
    private static final Pattern RANGE = Pattern.compile("bytes=([0-9]*)-([0-9]*)");

    private sealed interface Route permits Content, Redirect, Status, Raw {
    }

    private record Raw(byte[] answer) implements Route {
    }

    private record Content(byte[] body, ImageBehaviour how) implements Route {
    }

    private record Redirect(String location, int status) implements Route {
    }

    private record Status(int status) implements Route {
    }

    private final ServerSocket socket;
    private final boolean tls;
    private final ExecutorService connections;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    /** Keyed by arrival: an answer may finish after a later request's (a 416, then the retry without Range). */
    private final ConcurrentSkipListMap<Long, ImageServedRequest> served = new ConcurrentSkipListMap<>();
    private final AtomicLong arrivals = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private volatile Duration latency = Duration.ZERO;

    private ImageServer(ServerSocket socket, boolean tls) {
        this.socket = socket;
        this.tls = tls;
        AtomicInteger count = new AtomicInteger();
        this.connections = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "image-server-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        serve(FRONT_JPEG, ImageSamples.frontJpeg());
        serve(SIDE_PNG, ImageSamples.sidePng());
        Thread acceptor = new Thread(this::acceptLoop, "image-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Plain HTTP on 127.0.0.1, an ephemeral port. */
    public static ImageServer start() {
        try {
            return new ImageServer(new ServerSocket(0, 100, InetAddress.getLoopbackAddress()), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * HTTPS on 127.0.0.1 with a self-signed certificate for {@code localhost}, {@code images.example}
     * and {@code 127.0.0.1}; clients trust it through {@link #clientTls()}.
     */
    public static ImageServer startTls() {
        try {
            SSLServerSocket server = (SSLServerSocket) serverContext().getServerSocketFactory()
                    .createServerSocket(0, 100, InetAddress.getLoopbackAddress());
            return new ImageServer(server, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** TLS trust (for Vert.x's client) of this server's certificate, and nothing else. */
    public static io.vertx.core.net.TrustOptions clientTls() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keyStore());
            return io.vertx.core.net.TrustOptions.wrap(trust);
        } catch (Exception e) {
            throw new IllegalStateException("test trust store", e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** {@code http://127.0.0.1:<port><path>} (https for a TLS server). */
    public String url(String path) {
        return url("127.0.0.1", path);
    }

    /** The URL with another host name, for clients whose resolver maps that name to 127.0.0.1. */
    public String url(String host, String path) {
        return (tls ? "https" : "http") + "://" + host + ":" + port() + path;
    }

    public ImageServer serve(String path, byte[] body) {
        return serve(path, body, ImageBehaviour.normal());
    }

    public ImageServer serve(String path, byte[] body, ImageBehaviour how) {
        routes.put(path, new Content(body.clone(), how));
        return this;
    }

    /** Answers 302 with this Location (absolute or relative). */
    public ImageServer redirect(String path, String location) {
        return redirect(path, location, 302);
    }

    public ImageServer redirect(String path, String location, int status) {
        routes.put(path, new Redirect(location, status));
        return this;
    }

    /** Answers this status with a short text body. */
    public ImageServer status(String path, int status) {
        routes.put(path, new Status(status));
        return this;
    }

    /** Sends exactly these bytes (status line, head and body, well-formed or not), then closes. */
    public ImageServer raw(String path, byte[] answer) {
        routes.put(path, new Raw(answer.clone()));
        return this;
    }

    /** Added before every answer's head, on top of a path's own delay. */
    public ImageServer latency(Duration perResponse) {
        this.latency = perResponse;
        return this;
    }

    /**
     * Every request answered so far, in the order they arrived. Waits (up to 5 s) for answers still being written:
     * a client that has what it needs hangs up before the server has finished counting.
     */
    public List<ImageServedRequest> requests() {
        awaitIdle();
        return List.copyOf(served.values());
    }

    /** The requests answered for a path (query strings ignored), once no answer is being written. */
    public List<ImageServedRequest> requests(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Bytes actually sent for a path, heads included, over all its requests. */
    public long bytesSent(String path) {
        return requests(path).stream().mapToLong(ImageServedRequest::bytesSent).sum();
    }

    /** The most requests that were being answered at the same moment. */
    public int peakConcurrency() {
        return peak.get();
    }

    /** Forgets the requests and the peak (routes stay). */
    public void reset() {
        awaitIdle();
        served.clear();
        peak.set(0);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.shutdownNow();
    }

    private void awaitIdle() {
        long end = System.nanoTime() + 5_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < end) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.execute(() -> handle(connection));
            } catch (IOException e) {
                return; // closed
            } catch (RuntimeException e) {
                return; // executor shut down
            }
        }
    }

    private void handle(Socket connection) {
        try (connection) {
            connection.setSoTimeout(15_000);
            connection.setSendBufferSize(PIECE * 2);
            connection.setTcpNoDelay(true);
            String sni = null;
            if (connection instanceof SSLSocket ssl) {
                ssl.startHandshake();
                sni = requestedServerName(ssl);
            }
            InputStream in = connection.getInputStream();
            String requestLine = readLine(in);
            if (requestLine == null || requestLine.isEmpty()) {
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            String[] parts = requestLine.split(" ");
            String method = parts[0];
            String target = parts.length > 1 ? parts[1] : "/";
            String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            long arrival = arrivals.incrementAndGet();
            int now = inFlight.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            Counting out = new Counting(connection.getOutputStream());
            int status = 0;
            try {
                pause(latency);
                status = answer(routes.get(path), method, headers.get("range"), out);
            } catch (IOException e) {
                // the client hung up: what was sent is counted
            } finally {
                served.put(arrival, new ImageServedRequest(method, target, path, headers.get("host"), headers.get("range"),
                        status != 0 ? status : out.status, out.total, out.body, sni));
                inFlight.decrementAndGet();
            }
        } catch (IOException | RuntimeException e) {
            // a broken connection is the client's business
        }
    }

    private int answer(Route route, String method, String range, Counting out) throws IOException {
        if (route == null) {
            return text(out, 404, "Not Found", "no such image\n");
        }
        if (route instanceof Status s) {
            return text(out, s.status(), "Status", "status " + s.status() + "\n");
        }
        if (route instanceof Raw raw) {
            out.write(raw.answer(), false);
            return 0;
        }
        if (route instanceof Redirect r) {
            head(out, r.status(), "Redirect", List.of("Location: " + r.location(), "Content-Length: 0"));
            return r.status();
        }
        Content content = (Content) route;
        ImageBehaviour how = content.how();
        pause(how.delay());
        byte[] body = content.body();
        long total = how.announcedLength() >= 0 ? how.announcedLength() : body.length;
        int first = 0;
        int last = body.length - 1;
        int status = 200;
        if (range != null && how.refusesRanges()) {
            head(out, 416, "Range Not Satisfiable", List.of("Content-Length: 0"));
            return 416;
        }
        if (range != null && how.honoursRanges()) {
            Matcher m = RANGE.matcher(range.trim());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                if (m.group(1).isEmpty()) {
                    first = (int) Math.max(0, body.length - Long.parseLong(m.group(2)));
                } else {
                    long asked = Long.parseLong(m.group(1));
                    if (asked >= body.length) {
                        head(out, 416, "Range Not Satisfiable", List.of(
                                "Content-Range: bytes */" + (how.unknownTotal() ? body.length : total),
                                "Content-Length: 0"));
                        return 416;
                    }
                    first = (int) asked;
                    if (!m.group(2).isEmpty()) {
                        last = (int) Math.min(body.length - 1, Long.parseLong(m.group(2)));
                    }
                }
                status = 206;
            }
        }
        int length = last - first + 1;
        List<String> fields = new ArrayList<>();
        fields.add("Content-Type: " + (how.contentType() != null ? how.contentType() : typeOf(body)));
        if (how.contentEncoding() != null) {
            fields.add("Content-Encoding: " + how.contentEncoding());
        }
        if (how.honoursRanges()) {
            fields.add("Accept-Ranges: bytes");
        }
        if (status == 206) {
            boolean hidden = how.unknownTotal() || (how.totalHiddenAtStart() && first == 0);
            fields.add("Content-Range: bytes " + first + "-" + last + "/" + (hidden ? "*" : total));
        }
        switch (how.framing()) {
            case CONTENT_LENGTH -> fields.add("Content-Length: "
                    + (status == 200 && how.announcedLength() >= 0 ? how.announcedLength() : length));
            case CHUNKED -> fields.add("Transfer-Encoding: chunked");
            case CLOSE -> {
                // the end of the body is the end of the connection
            }
        }
        head(out, status, status == 206 ? "Partial Content" : "OK", fields);
        if (!method.equals("HEAD")) {
            body(out, body, first, length, how);
        }
        return status;
    }

    private void body(Counting out, byte[] body, int first, int length, ImageBehaviour how) throws IOException {
        boolean chunked = how.framing() == ImageBehaviour.Framing.CHUNKED;
        long limit = how.cutAfter() >= 0 ? Math.min(length, how.cutAfter()) : length;
        long sent = 0;
        boolean stalled = false;
        while (sent < limit) {
            int piece = (int) Math.min(PIECE, limit - sent);
            if (!stalled && how.stallAfter() >= 0 && sent + piece > how.stallAfter()) {
                piece = (int) (how.stallAfter() - sent);
                if (piece == 0) {
                    stalled = true;
                    pause(how.stall());
                    continue;
                }
            }
            if (chunked) {
                out.write((Integer.toHexString(piece) + "\r\n").getBytes(StandardCharsets.US_ASCII), false);
            }
            out.write(java.util.Arrays.copyOfRange(body, first + (int) sent, first + (int) sent + piece), true);
            if (chunked) {
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII), false);
            }
            sent += piece;
        }
        if (how.cutAfter() >= 0 && how.cutAfter() < length) {
            return; // hang up mid-body
        }
        if (chunked) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), false);
        }
        if (how.extraBytes() > 0) {
            out.write(new byte[how.extraBytes()], false);
        }
    }

    private static int text(Counting out, int status, String reason, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        head(out, status, reason, List.of("Content-Type: text/plain", "Content-Length: " + bytes.length));
        out.write(bytes, false);
        return status;
    }

    private static void head(Counting out, int status, String reason, List<String> fields) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        for (String field : fields) {
            head.append(field).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        out.status = status;
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII), false);
    }

    private static String typeOf(byte[] body) {
        if (body.length >= 3 && (body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xD8) {
            return "image/jpeg";
        }
        if (body.length >= 4 && (body[0] & 0xFF) == 0x89 && body[1] == 'P' && body[2] == 'N' && body[3] == 'G') {
            return "image/png";
        }
        return "application/octet-stream";
    }

    private static String requestedServerName(SSLSocket ssl) {
        if (ssl.getSession() instanceof ExtendedSSLSession session) {
            for (SNIServerName name : session.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    return host.getAsciiName();
                }
            }
        }
        return null;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void pause(Duration duration) throws IOException {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SocketException("server stopped");
        }
    }

    private static SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore(), KEYSTORE_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("test key store", e);
        }
    }

    private static KeyStore keyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = ImageServer.class.getResourceAsStream("/standin/image-server.p12")) {
            store.load(in, KEYSTORE_PASSWORD);
        }
        return store;
    }

    /** The socket's output, written in small flushed pieces, counting what the socket accepted. */
    private static final class Counting {
        private final OutputStream out;
        /** The status of the head being sent: still known when the client hangs up mid-body. */
        private int status;
        private long total;
        private long body;

        Counting(OutputStream out) {
            this.out = out;
        }

        void write(byte[] bytes, boolean isBody) throws IOException {
            for (int offset = 0; offset < bytes.length; offset += PIECE) {
                int n = Math.min(PIECE, bytes.length - offset);
                out.write(bytes, offset, n);
                out.flush();
                total += n;
                if (isBody) {
                    body += n;
                }
            }
        }
    }
}
