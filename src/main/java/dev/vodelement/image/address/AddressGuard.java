package dev.vodelement.image.address;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import dev.vodelement.image.Deadline;
import dev.vodelement.image.ImageRejected;

/**
 * Turns a URL (the one in the request, or a redirect's) into a checked {@link CheckedTarget}: scheme
 * http or https, a well-formed host, numeric host forms read the way other URL parsers read them,
 * the name resolved once (asynchronously, abandoned at the deadline), and every address it resolves
 * to held to the {@link AddressPolicy}.
 */
public final class AddressGuard {

    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)*\\.?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private final HostResolver resolver;
    private final AddressPolicy policy;
    private final Vertx vertx;

    public AddressGuard(HostResolver resolver, AddressPolicy policy, Vertx vertx) {
        this.resolver = resolver;
        this.policy = policy;
        this.vertx = vertx;
    }

    public static URI parse(String url) throws ImageRejected {
        try {
            return new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new ImageRejected("URL is not valid: " + e.getReason() + " at index " + e.getIndex());
        }
    }

    /** The checked target, or a failed future with the {@link ImageRejected} that says why not. */
    public Future<CheckedTarget> check(URI uri, Deadline deadline) {
        try {
            return checkSyntaxThenResolve(uri, deadline);
        } catch (ImageRejected e) {
            return Future.failedFuture(e);
        }
    }

    private Future<CheckedTarget> checkSyntaxThenResolve(URI uri, Deadline deadline) throws ImageRejected {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ImageRejected(scheme.isEmpty() ? "URL has no scheme; only http and https are allowed"
                    : "scheme " + scheme + " is not allowed; only http and https");
        }
        String authority = uri.getRawAuthority();
        if (uri.isOpaque() || authority == null || authority.isEmpty()) {
            throw new ImageRejected("URL has no host");
        }
        if (authority.contains("@")) {
            throw new ImageRejected("URL must not carry user info (user:password@)");
        }
        boolean https = scheme.equals("https");
        String host;
        String portText;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0 || (close + 1 < authority.length() && authority.charAt(close + 1) != ':')) {
                throw new ImageRejected("URL has an invalid IPv6 host");
            }
            host = authority.substring(0, close + 1);
            portText = close + 1 < authority.length() ? authority.substring(close + 2) : "";
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? "" : authority.substring(colon + 1);
        }
        int port = port(portText, https);
        String requestTarget = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String hostHeaderPort = portText.isEmpty() ? "" : ":" + port;

        if (host.startsWith("[")) {
            InetAddress address = ipv6Literal(host.substring(1, host.length() - 1));
            enforce(host, "is", address);
            return Future.succeededFuture(new CheckedTarget(uri, https, host + hostHeaderPort,
                    host.substring(1, host.length() - 1), true, port, requestTarget, List.of(address)));
        }
        String ascii = asciiHost(host);
        if (NumericHost.looksNumeric(ascii)) {
            byte[] bytes = NumericHost.parse(ascii)
                    .orElseThrow(() -> new ImageRejected("host " + ascii + " is not a valid IPv4 address"));
            InetAddress address = byAddress(bytes);
            enforce(ascii, "is", address);
            Optional<byte[]> decimalReading = NumericHost.parseAsDecimal(ascii);
            if (decimalReading.isPresent()) {
                enforce(ascii, "can be read as", byAddress(decimalReading.get()));
            }
            return Future.succeededFuture(new CheckedTarget(uri, https, ascii + hostHeaderPort,
                    AddressRule.ipv4Text(bytes), true, port, requestTarget, List.of(address)));
        }
        String tlsName = ascii.endsWith(".") ? ascii.substring(0, ascii.length() - 1) : ascii;
        return resolve(ascii, deadline).compose(resolved -> {
            try {
                if (resolved == null || resolved.isEmpty()) {
                    throw new ImageRejected("host " + ascii + " could not be resolved");
                }
                for (InetAddress address : resolved) {
                    enforce(ascii, "resolves to", address);
                }
                return Future.succeededFuture(new CheckedTarget(uri, https, ascii + hostHeaderPort, tlsName, false,
                        port, requestTarget, new ArrayList<>(resolved)));
            } catch (ImageRejected e) {
                return Future.failedFuture(e);
            }
        });
    }

    /**
     * Asks the resolver, which holds no thread while it waits, and gives up at the deadline: a
     * lookup that never answers is left to the resolver's own query timeout and costs nothing more.
     */
    private Future<List<InetAddress>> resolve(String host, Deadline deadline) {
        if (deadline.expired()) {
            return Future.failedFuture(deadline.timedOut());
        }
        Promise<List<InetAddress>> result = Promise.promise();
        long timer = vertx.setTimer(Math.max(1, deadline.remainingMillis()), t -> result.tryFail(deadline.timedOut()));
        Future<List<InetAddress>> lookup;
        try {
            lookup = resolver.resolve(host);
        } catch (RuntimeException e) {
            lookup = Future.failedFuture(e);
        }
        lookup.onComplete(answer -> {
            vertx.cancelTimer(timer);
            if (answer.succeeded()) {
                result.tryComplete(answer.result());
            } else if (answer.cause() instanceof UnknownHostException || answer.cause() instanceof ImageRejected) {
                result.tryFail(answer.cause() instanceof ImageRejected ? answer.cause()
                        : new ImageRejected("host " + host + " could not be resolved"));
            } else {
                // the resolver's own failures (no answer from the DNS server, SERVFAIL...) say the same to a caller
                result.tryFail(new ImageRejected("host " + host + " could not be resolved"));
            }
        });
        return result.future();
    }

    private void enforce(String host, String verb, InetAddress address) throws ImageRejected {
        Optional<String> violation = policy.violation(address);
        if (violation.isPresent()) {
            throw new ImageRejected("host " + host + " " + verb + " " + violation.get());
        }
    }

    private static int port(String text, boolean https) throws ImageRejected {
        if (text.isEmpty()) {
            return https ? 443 : 80;
        }
        if (!PORT.matcher(text).matches() || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw new ImageRejected("URL has an invalid port " + text);
        }
        return Integer.parseInt(text);
    }

    private static String asciiHost(String host) throws ImageRejected {
        String lower = host.toLowerCase(Locale.ROOT);
        if (!host.chars().allMatch(c -> c < 0x80)) {
            try {
                lower = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new ImageRejected("host " + host + " is not a valid host name");
            }
        }
        if (!HOST_NAME.matcher(lower).matches()) {
            // percent-encoding and other characters are decoded differently by different parsers
            throw new ImageRejected("host " + host + " is not a valid host name");
        }
        return lower;
    }

    private static InetAddress ipv6Literal(String literal) throws ImageRejected {
        if (!literal.contains(":") || !literal.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?")) {
            throw new ImageRejected("URL has an invalid IPv6 host");
        }
        int zone = literal.indexOf('%');
        try {
            // a literal with a colon is parsed, never looked up; a zone (only meaningful for
            // link-local addresses, which are refused anyway) is not an address part
            return InetAddress.getByName(zone < 0 ? literal : literal.substring(0, zone));
        } catch (UnknownHostException e) {
            throw new ImageRejected("URL has an invalid IPv6 host");
        }
    }

    private static InetAddress byAddress(byte[] bytes) throws ImageRejected {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new ImageRejected("host is not a valid address");
        }
    }
}
