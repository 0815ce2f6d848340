package dev.vodelement.image.fetch;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

import dev.vodelement.failure.SafeText;
import dev.vodelement.image.Deadline;
import dev.vodelement.image.ImageRejected;
import dev.vodelement.image.address.AddressGuard;
import dev.vodelement.image.address.CheckedTarget;

/**
 * Sends one ranged GET and follows its redirects, a bounded number of them, checking every hop's
 * URL (scheme, host, resolved addresses) as if it had been in the request. Later ranges of the same
 * image go straight to the URL that finally answered, saving the redirect round trips.
 */
public final class HopFollower implements RangedImageStream.Requests {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final AddressGuard guard;
    private final ImageHttpClient http;
    private final int maxRedirects;
    private final Deadline deadline;
    private final Transfer transfer;
    private URI current;
    /** The checked target of {@code current}: later ranges connect to the same checked addresses. */
    private CheckedTarget currentTarget;

    public HopFollower(AddressGuard guard, ImageHttpClient http, int maxRedirects, Deadline deadline, Transfer transfer,
            URI start) {
        this.guard = guard;
        this.http = http;
        this.maxRedirects = maxRedirects;
        this.deadline = deadline;
        this.transfer = transfer;
        this.current = start;
    }

    public Transfer transfer() {
        return transfer;
    }

    /** @return an answer with status 200, 206 or 416; any other final status is a rejection */
    @Override
    public HttpAnswer open(long first, long last) throws IOException {
        return send("bytes=" + first + "-" + (last >= 0 ? String.valueOf(last) : ""));
    }

    @Override
    public HttpAnswer openWhole() throws IOException {
        return send(null);
    }

    private HttpAnswer send(String range) throws IOException {
        URI uri = current;
        for (int redirects = 0;; redirects++) {
            CheckedTarget target = uri.equals(current) && currentTarget != null ? currentTarget : checked(uri, redirects);
            transfer.requestSent();
            HttpAnswer answer = http.send(target, range, deadline);
            int status = answer.status();
            if (REDIRECTS.contains(status)) {
                String location = answer.header("Location");
                answer.close();
                transfer.received(answer.received());
                if (location == null || location.isBlank()) {
                    throw new ImageRejected("HTTP " + status + " from " + target.shownUrl() + " without a Location");
                }
                if (redirects >= maxRedirects) {
                    throw new ImageRejected("more than " + maxRedirects + " redirects");
                }
                uri = resolve(uri, location.trim());
                continue;
            }
            if (status == 200 || status == 206 || status == 416) {
                current = uri;
                currentTarget = target;
                return answer;
            }
            answer.close();
            transfer.received(answer.received());
            String problem = "HTTP " + status + " from " + target.shownUrl();
            throw status >= 500 || status == 429 ? ImageRejected.unreachable(problem) : new ImageRejected(problem);
        }
    }

    private CheckedTarget checked(URI uri, int redirects) throws ImageRejected {
        try {
            return guard.check(uri, deadline);
        } catch (ImageRejected e) {
            if (redirects == 0) {
                throw e;
            }
            throw new ImageRejected("redirected to " + SafeText.url(uri.toString()) + ": " + e.problem());
        }
    }

    private static URI resolve(URI base, String location) throws ImageRejected {
        try {
            URI reference = new URI(location);
            if (base.getRawPath() == null || base.getRawPath().isEmpty()) {
                // URI.resolve drops the slash between an empty base path and a relative reference
                base = new URI(base.getScheme(), base.getRawAuthority(), "/", null, null);
            }
            return base.resolve(reference);
        } catch (URISyntaxException e) {
            throw new ImageRejected("a redirect's Location is not a valid URL");
        }
    }
}
