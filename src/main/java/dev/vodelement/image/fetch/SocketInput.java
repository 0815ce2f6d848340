package dev.vodelement.image.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

import dev.vodelement.image.Deadline;
import dev.vodelement.image.Figures;
import dev.vodelement.image.ImageRejected;

/**
 * The socket's input with both limits applied to every read: the read timeout (silence) and the
 * image's overall deadline, whichever comes first; and a count of the bytes that arrived.
 */
final class SocketInput extends BlockInputStream {

    private final Socket socket;
    private final InputStream in;
    private final Duration readTimeout;
    private final Deadline deadline;
    private final String host;
    private long received;

    SocketInput(Socket socket, Duration readTimeout, Deadline deadline, String host) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.readTimeout = readTimeout;
        this.deadline = deadline;
        this.host = host;
    }

    long received() {
        return received;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (deadline.expired()) {
            throw deadline.timedOut();
        }
        socket.setSoTimeout(deadline.cap(readTimeout));
        try {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                received += n;
            }
            return n;
        } catch (SocketTimeoutException e) {
            if (deadline.expired()) {
                throw deadline.timedOut();
            }
            throw ImageRejected.unreachable("server " + host + " sent nothing for " + Figures.duration(readTimeout));
        }
    }
}
