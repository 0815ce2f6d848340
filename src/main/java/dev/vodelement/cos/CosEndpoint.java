package dev.vodelement.cos;

import java.net.URI;
import java.util.Locale;

/**
 * The bucket host of an upload event, as taken from its {@code cosObject.url}: scheme, host and
 * port. Object keys become URLs on it, percent-encoded segment by segment. A base path (empty for
 * COS itself) puts a bucket below a path, as dev mode's bucket simulator is; signatures still sign
 * {@code /<key>}, as COS does.
 */
public record CosEndpoint(String scheme, String host, int port, String basePath) {

    public CosEndpoint {
        scheme = scheme.toLowerCase(Locale.ROOT);
        host = host.toLowerCase(Locale.ROOT);
        basePath = basePath == null || basePath.equals("/") ? "" : basePath.replaceAll("/+$", "");
    }

    /** A bucket at the root of its host, as every COS bucket is. */
    public CosEndpoint(String scheme, String host, int port) {
        this(scheme, host, port, "");
    }

    /** The endpoint a base URL names, its path included ({@code vod.cos.endpoint-override}). */
    public static CosEndpoint ofBaseUrl(URI baseUrl) {
        if (baseUrl.getScheme() == null || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL: " + baseUrl);
        }
        return new CosEndpoint(baseUrl.getScheme(), baseUrl.getHost(), baseUrl.getPort(), baseUrl.getRawPath());
    }

    /** The endpoint of an object URL, switched to https when asked to. */
    public static CosEndpoint of(URI objectUrl, boolean forceHttps) {
        String scheme = forceHttps ? "https" : objectUrl.getScheme();
        int port = forceHttps && "http".equalsIgnoreCase(objectUrl.getScheme()) ? -1 : objectUrl.getPort();
        return new CosEndpoint(scheme, objectUrl.getHost(), port);
    }

    /** The {@code Host} header an HTTP/1.1 client sends here: the port only when not the scheme's default. */
    public String authority() {
        boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        return defaultPort ? host : host + ":" + port;
    }

    /** The URL of an object, its key percent-encoded except for the "/" between segments. */
    public URI objectUri(String key) {
        return URI.create(scheme + "://" + authority() + basePath + encodedPath(key));
    }

    /** "/" + the key, each segment percent-encoded. */
    public static String encodedPath(String key) {
        StringBuilder path = new StringBuilder(key.length() + 16).append('/');
        int from = 0;
        for (int slash; (slash = key.indexOf('/', from)) >= 0; from = slash + 1) {
            path.append(CosSigner.encode(key.substring(from, slash))).append('/');
        }
        return path.append(CosSigner.encode(key.substring(from))).toString();
    }

    /** Whether a URL points at this bucket host (any scheme or port: pre-signed URLs may differ in both). */
    public boolean hosts(String url) {
        try {
            String other = url == null ? null : URI.create(url).getHost();
            return other != null && other.toLowerCase(Locale.ROOT).equals(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return scheme + "://" + authority() + basePath;
    }
}
