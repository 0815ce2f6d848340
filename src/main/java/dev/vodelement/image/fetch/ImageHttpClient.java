package dev.vodelement.image.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import dev.vodelement.image.Deadline;
import dev.vodelement.image.Figures;
import dev.vodelement.image.ImageRejected;
import dev.vodelement.image.address.AddressGuard;
import dev.vodelement.image.address.CheckedTarget;

/**
 * A deliberately small HTTP/1.1 client for one job: a GET, possibly ranged, whose body is read only
 * as far as needed. It connects to an address that {@link AddressGuard} has already checked (never
 * resolving the name again, so DNS rebinding cannot redirect it), while the Host header, TLS SNI and
 * certificate verification use the name from the URL. One connection per request, closed after it
 * ({@code Connection: close}): an answer abandoned half-read cannot be reused anyway.
 */
public final class ImageHttpClient {

    private static final int BUFFER = 8192;
    static final String USER_AGENT = "vod-element-image-check/1.0";

    private final SSLSocketFactory tls;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    public ImageHttpClient(SSLSocketFactory tls, Duration connectTimeout, Duration readTimeout) {
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /**
     * Sends {@code GET} with an optional {@code Range} value and returns once the answer's head is in.
     */
    HttpAnswer send(CheckedTarget target, String range, Deadline deadline) throws IOException {
        Socket socket = connect(target, deadline);
        try {
            if (target.https()) {
                socket = handshake(socket, target, deadline);
            }
            SocketInput wire = new SocketInput(socket, readTimeout, deadline, target.hostHeader());
            InputStream in = new BufferedInputStream(wire, BUFFER);
            OutputStream out = socket.getOutputStream();
            out.write(request(target, range).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            HttpHeadReader.Head head;
            do {
                head = HttpHeadReader.read(in, target.hostHeader());
            } while (head.status() >= 100 && head.status() < 200);
            return frame(head, in, socket, wire, target);
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    private static String request(CheckedTarget target, String range) {
        StringBuilder request = new StringBuilder(256)
                .append("GET ").append(target.requestTarget()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target.hostHeader()).append("\r\n")
                .append("User-Agent: ").append(USER_AGENT).append("\r\n")
                .append("Accept: image/*, */*;q=0.5\r\n")
                .append("Accept-Encoding: identity\r\n")
                .append("Connection: close\r\n");
        if (range != null) {
            request.append("Range: ").append(range).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    private static HttpAnswer frame(HttpHeadReader.Head head, InputStream in, Socket socket, SocketInput wire,
            CheckedTarget target) throws ImageRejected {
        List<String> encodings = head.fields().getOrDefault("content-encoding", List.of());
        for (String encoding : encodings) {
            if (!encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
                throw new ImageRejected("server " + target.hostHeader() + " sent the image " + encoding.trim()
                        + "-encoded although identity was asked, so its bytes cannot be checked");
            }
        }
        int status = head.status();
        if (status == 204 || status == 304) {
            return new HttpAnswer(status, head.fields(), InputStream.nullInputStream(), OptionalLong.of(0), socket,
                    wire);
        }
        List<String> transferEncodings = head.fields().get("transfer-encoding");
        if (transferEncodings != null) {
            // RFC 9112 6.3: Transfer-Encoding overrides Content-Length; chunked must come last
            String last = transferEncodings.get(transferEncodings.size() - 1);
            String[] codings = last.split(",");
            boolean chunked = codings[codings.length - 1].trim().equalsIgnoreCase("chunked");
            return new HttpAnswer(status, head.fields(), chunked ? new ChunkedBody(in) : in, OptionalLong.empty(),
                    socket, wire);
        }
        OptionalLong length = contentLength(head, target);
        InputStream body = length.isPresent() ? new FixedLengthBody(in, length.getAsLong()) : in;
        return new HttpAnswer(status, head.fields(), body, length, socket, wire);
    }

    /** Content-Length, refusing values that disagree (a classic request-smuggling and framing trick). */
    private static OptionalLong contentLength(HttpHeadReader.Head head, CheckedTarget target) throws ImageRejected {
        List<String> values = head.fields().get("content-length");
        if (values == null) {
            return OptionalLong.empty();
        }
        long length = -1;
        for (String value : values) {
            for (String item : value.split(",")) {
                String digits = item.trim();
                if (!digits.matches("[0-9]{1,18}")) {
                    throw new ImageRejected("server " + target.hostHeader() + " sent an invalid Content-Length");
                }
                long parsed = Long.parseLong(digits);
                if (length >= 0 && parsed != length) {
                    throw new ImageRejected("server " + target.hostHeader() + " sent conflicting Content-Lengths");
                }
                length = parsed;
            }
        }
        return OptionalLong.of(length);
    }

    private Socket connect(CheckedTarget target, Deadline deadline) throws IOException {
        String where = target.hostHeader();
        ImageRejected last = null;
        for (InetAddress address : target.addresses()) {
            if (deadline.expired()) {
                throw deadline.timedOut();
            }
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(address, target.port()), deadline.cap(connectTimeout));
                return socket;
            } catch (SocketTimeoutException e) {
                closeQuietly(socket);
                if (deadline.expired()) {
                    throw deadline.timedOut();
                }
                last = ImageRejected.unreachable("could not connect to " + where + " within "
                        + Figures.duration(connectTimeout));
            } catch (ConnectException e) {
                closeQuietly(socket);
                last = ImageRejected.unreachable("could not connect to " + where + " (connection refused)");
            } catch (IOException e) {
                closeQuietly(socket);
                last = ImageRejected.unreachable("could not connect to " + where);
            }
        }
        throw last != null ? last : ImageRejected.unreachable("could not connect to " + where);
    }

    private Socket handshake(Socket plain, CheckedTarget target, Deadline deadline) throws IOException {
        String name = target.tlsName();
        SSLSocket socket = (SSLSocket) tls.createSocket(plain, name, target.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        // without this, Java's SSLSocket checks the certificate chain but not that it names the host
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!target.tlsNameIsAddress()) {
            parameters.setServerNames(List.of(new SNIHostName(name)));
        }
        socket.setSSLParameters(parameters);
        try {
            socket.setSoTimeout(deadline.cap(readTimeout));
            socket.startHandshake();
            return socket;
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw deadline.expired() ? deadline.timedOut()
                    : ImageRejected.unreachable("TLS handshake with " + name + " got no answer for "
                            + Figures.duration(readTimeout));
        } catch (SSLException e) {
            closeQuietly(socket);
            throw new ImageRejected(tlsProblem(name, e));
        }
    }

    /** A short reason, without the exception's class names (callers never see those). */
    private static String tlsProblem(String name, SSLException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("subject alternative") || message.contains("no name matching")) {
            return "TLS certificate of " + name + " does not name that host";
        }
        if (message.contains("pkix") || message.contains("certification path") || message.contains("certificate")) {
            return "TLS certificate of " + name + " is not trusted";
        }
        return "TLS handshake with " + name + " failed";
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to recover on a connection we are abandoning
        }
    }
}
