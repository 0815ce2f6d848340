package dev.vodelement.image.fetch;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One HTTP answer whose body is still on the wire: the prober reads what it needs and the answer is
 * closed, with its connection, as soon as it knows. {@code body} is framed (Content-Length or
 * chunked), so bytes a server sends past what it announced are never taken as image bytes.
 */
public final class HttpAnswer implements Closeable {

    private final int status;
    private final Map<String, List<String>> headers;
    private final InputStream body;
    private final OptionalLong contentLength;
    private final Socket socket;
    private final SocketInput wire;

    HttpAnswer(int status, Map<String, List<String>> headers, InputStream body, OptionalLong contentLength,
            Socket socket, SocketInput wire) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.contentLength = contentLength;
        this.socket = socket;
        this.wire = wire;
    }

    /** Bytes that came off the socket so far, headers and read-ahead included. */
    public long received() {
        return wire.received();
    }

    public int status() {
        return status;
    }

    /** The first value of a header, by case-insensitive name, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    InputStream body() {
        return body;
    }

    /** The body length when the body is framed by Content-Length (not chunked, not until-close). */
    OptionalLong contentLength() {
        return contentLength;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the connection is abandoned on purpose; nothing to recover
        }
    }
}
