package dev.vodelement.image.address;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

import dev.vodelement.failure.SafeText;

/**
 * One hop's URL, resolved and checked: where to connect ({@code addresses}, already judged by the
 * address rule) and what to say to the server ({@code hostHeader}, and {@code tlsName} for SNI and
 * certificate verification), which stay the name in the URL whatever address is used.
 */
public record CheckedTarget(URI uri, boolean https, String hostHeader, String tlsName, boolean tlsNameIsAddress, int port,
        String requestTarget, List<InetAddress> addresses) {

    public String shownUrl() {
        return SafeText.url(uri.toString());
    }
}
