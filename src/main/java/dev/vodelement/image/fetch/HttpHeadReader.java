package dev.vodelement.image.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vodelement.image.ImageRejected;

/** Reads an HTTP/1.x status line and header fields, with limits so that a hostile server cannot make us buffer much. */
final class HttpHeadReader {

    static final int MAX_LINE = 8192;
    static final int MAX_FIELDS = 100;

    /** A status code and header fields, names in lower case. */
    record Head(int status, Map<String, List<String>> fields) {
    }

    private HttpHeadReader() {
    }

    static Head read(InputStream in, String host) throws IOException {
        String statusLine = readLine(in, MAX_LINE);
        if (!statusLine.matches("HTTP/1\\.[01] [0-9]{3}( .*)?")) {
            throw new ImageRejected("server " + host + " did not answer with HTTP/1.x");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, List<String>> fields = new LinkedHashMap<>();
        int count = 0;
        while (true) {
            String line = readLine(in, MAX_LINE);
            if (line.isEmpty()) {
                return new Head(status, fields);
            }
            if (++count > MAX_FIELDS) {
                throw new ImageRejected("server " + host + " sent more than " + MAX_FIELDS + " header fields");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new ImageRejected("server " + host + " sent a malformed header field");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            fields.computeIfAbsent(name, k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
    }

    /** One line without its CR LF (a bare LF is accepted); fails past {@code max} bytes or at the end of the stream. */
    static String readLine(InputStream in, int max) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw ImageRejected.unreachable("server closed the connection in the middle of its answer");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= max) {
                throw new ImageRejected("server sent a header line longer than " + max + " bytes");
            }
            line.write(b);
        }
    }
}
