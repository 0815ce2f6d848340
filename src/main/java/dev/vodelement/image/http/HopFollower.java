package dev.vodelement.image.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

import io.vertx.core.Future;

import dev.vodelement.failure.SafeText;
import dev.vodelement.image.Deadline;
import dev.vodelement.image.ImageRejected;
import dev.vodelement.image.address.AddressGuard;
import dev.vodelement.image.address.CheckedTarget;

/**
 * Sends one ranged GET and follows its redirects, a bounded number of them, checking every hop's
 * URL (scheme, host, resolved addresses) as if it had been in the request, before it is followed.
 * Later ranges of the same image go straight to the URL that finally answered, to the addresses
 * already checked for it, saving the redirect round trips and any second lookup.
 */
public final class HopFollower {

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

    public Deadline deadline() {
        return deadline;
    }

    public Transfer transfer() {
        return transfer;
    }

    /** An answer with status 200, 206 or 416 for bytes {@code first}..{@code last} (-1: to the end); any other is a rejection. */
    public Future<HttpAnswer> open(long first, long last) {
        return hop(current, 0, "bytes=" + first + "-" + (last >= 0 ? String.valueOf(last) : ""));
    }

    /** A GET without Range, for servers that refuse ranges outright. */
    public Future<HttpAnswer> openWhole() {
        return hop(current, 0, null);
    }

    private Future<HttpAnswer> hop(URI uri, int redirects, String range) {
        Future<CheckedTarget> target = uri.equals(current) && currentTarget != null
                ? Future.succeededFuture(currentTarget) : checked(uri, redirects);
        return target.compose(checked -> {
            transfer.requestSent();
            return http.send(checked, range, deadline).compose(answer -> answered(uri, checked, answer, redirects, range));
        });
    }

    private Future<HttpAnswer> answered(URI uri, CheckedTarget target, HttpAnswer answer, int redirects, String range) {
        int status = answer.status();
        if (REDIRECTS.contains(status)) {
            String location = answer.header("Location");
            answer.close();
            if (location == null || location.isBlank()) {
                return Future.failedFuture(new ImageRejected("HTTP " + status + " from " + target.shownUrl()
                        + " without a Location"));
            }
            if (redirects >= maxRedirects) {
                return Future.failedFuture(new ImageRejected("more than " + maxRedirects + " redirects"));
            }
            try {
                return hop(resolve(uri, location.trim()), redirects + 1, range);
            } catch (ImageRejected e) {
                return Future.failedFuture(e);
            }
        }
        if (status == 200 || status == 206 || status == 416) {
            current = uri;
            currentTarget = target;
            return Future.succeededFuture(answer);
        }
        answer.close();
        String problem = "HTTP " + status + " from " + target.shownUrl();
        return Future.failedFuture(status >= 500 || status == 429 ? ImageRejected.unreachable(problem)
                : new ImageRejected(problem));
    }

    private Future<CheckedTarget> checked(URI uri, int redirects) {
        return guard.check(uri, deadline).recover(e -> {
            if (redirects == 0 || !(e instanceof ImageRejected rejected)) {
                return Future.failedFuture(e);
            }
            return Future.failedFuture(new ImageRejected("redirected to " + SafeText.url(uri.toString()) + ": "
                    + rejected.problem()));
        });
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
