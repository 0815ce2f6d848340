package dev.vodelement.image.inspect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.TrustOptions;

import dev.vodelement.config.ImageCheckConfig;
import dev.vodelement.element.ImageFacts;
import dev.vodelement.element.ImageInspector;
import dev.vodelement.element.ImageReference;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.failure.SafeText;
import dev.vodelement.failure.Violation;
import dev.vodelement.image.Deadline;
import dev.vodelement.image.ImageRejected;
import dev.vodelement.image.address.AddressGuard;
import dev.vodelement.image.address.AddressPolicy;
import dev.vodelement.image.address.HostResolver;
import dev.vodelement.image.http.ImageHttpClient;
import dev.vodelement.image.format.ProbedImage;
import dev.vodelement.invocation.InvocationDeadline;
import dev.vodelement.invocation.InvocationDeadlines;
import dev.vodelement.invocation.LogValue;

/**
 * Checks every image of a request at the same time, over HTTP, reading only the bytes that decide
 * format, size and dimensions, and reports every broken image in one failure. The probes run on
 * Vert.x's event loops (no thread per image); {@link #inspectAsync} holds no thread at all while
 * they run, {@link #inspect} waits once, on the caller's thread, for all of them. See docs/images.md.
 */
@ApplicationScoped
public class HttpImageInspector implements ImageInspector, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HttpImageInspector.class);
    /** Every probe ends at the deadline by its own timer; this covers a timer that is late, once per request. */
    private static final long GRACE_MILLIS = 500;

    private final Checker checker;
    private final Duration deadline;
    private final int concurrency;
    private final Duration grace;
    private final InvocationDeadlines invocations;

    /** Checks one image within the request's deadline; the seam tests use to stand in for a probe. */
    @FunctionalInterface
    interface Checker {
        /** The facts, or a failed future carrying an {@link ImageRejectedList}. */
        Future<ImageFacts> check(ImageReference reference, Deadline deadline);
    }

    @Inject
    public HttpImageInspector(ImageCheckConfig config, InvocationDeadlines invocations, Vertx vertx) {
        this(config, HostResolver.of(vertx), null, invocations, vertx);
    }

    /** With another resolver or TLS trust (null: the JDK's), for tests and the benchmark. */
    public HttpImageInspector(ImageCheckConfig config, HostResolver resolver, TrustOptions tls,
            InvocationDeadlines invocations, Vertx vertx) {
        this(config, invocations, Duration.ofMillis(GRACE_MILLIS), probing(config, resolver, tls, vertx));
    }

    HttpImageInspector(ImageCheckConfig config, InvocationDeadlines invocations, Duration grace, Checker checker) {
        this.checker = checker;
        this.deadline = config.deadline();
        this.concurrency = Math.max(1, config.concurrency());
        this.grace = grace;
        this.invocations = invocations;
    }

    private static Checker probing(ImageCheckConfig config, HostResolver resolver, TrustOptions tls, Vertx vertx) {
        AddressGuard guard = new AddressGuard(resolver,
                config.allowPrivateNetworks() ? AddressPolicy.ALLOW_ALL : AddressPolicy.PUBLIC_ONLY, vertx);
        ImageHttpClient http = new ImageHttpClient(vertx, tls, config.connectTimeout(), config.readTimeout());
        UrlProbe probe = new UrlProbe(vertx, guard, http, ProbeLimits.of(config));
        return (reference, requestDeadline) -> check(probe, reference, requestDeadline);
    }

    /** Waits on the caller's thread for {@link #inspectAsync}, with the current invocation's deadline. */
    @Override
    public List<ImageFacts> inspect(List<ImageReference> references) {
        try {
            return inspectAsync(references, invocations.current()).toCompletableFuture().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("image check failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FunctionFailure.unavailable("ServiceUnavailable", "image check interrupted", null, 0);
        }
    }

    /**
     * Starts the request's probes (at most {@code concurrency} at once; a request has at most four
     * images) and completes once all of them have ended, holding no thread meanwhile. Every probe
     * ends at the deadline by its own timer (DNS, connects, every range); the grace covers a timer
     * that fires late, once per request: then the images still unanswered are reported as timed out.
     */
    @Override
    public CompletionStage<List<ImageFacts>> inspectAsync(List<ImageReference> references,
            InvocationDeadline invocation) {
        if (references.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        Deadline requestDeadline = Deadline.after(invocation.capForWork(deadline));
        Deadline waitLimit = requestDeadline.extendedBy(grace);
        List<Promise<ImageFacts>> results = new ArrayList<>(references.size());
        references.forEach(r -> results.add(Promise.promise()));
        AtomicInteger next = new AtomicInteger();
        for (int i = 0; i < Math.min(concurrency, references.size()); i++) {
            startNext(references, results, next, requestDeadline);
        }
        // join: completes when every probe has ended, whether it succeeded or failed.
        CompletableFuture<Void> allEnded = new CompletableFuture<>();
        Future.join(results.stream().map(Promise::future).toList()).onComplete(done -> allEnded.complete(null));
        return allEnded.completeOnTimeout(null, waitLimit.remainingMillis(), TimeUnit.MILLISECONDS)
                .thenApply(ended -> collect(references, results, requestDeadline));
    }

    private void startNext(List<ImageReference> references, List<Promise<ImageFacts>> results, AtomicInteger next,
            Deadline requestDeadline) {
        int i = next.getAndIncrement();
        if (i >= references.size()) {
            return;
        }
        Future<ImageFacts> probe;
        try {
            probe = checker.check(references.get(i), requestDeadline);
        } catch (RuntimeException e) {
            probe = Future.failedFuture(e);
        }
        probe.onComplete(done -> {
            if (done.succeeded()) {
                results.get(i).tryComplete(done.result());
            } else {
                results.get(i).tryFail(done.cause());
            }
            startNext(references, results, next, requestDeadline);
        });
    }

    private List<ImageFacts> collect(List<ImageReference> references, List<Promise<ImageFacts>> results,
            Deadline requestDeadline) {
        List<ImageFacts> facts = new ArrayList<>(references.size());
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
            ImageReference reference = references.get(i);
            Future<ImageFacts> result = results.get(i).future();
            if (!result.isComplete()) {
                results.get(i).tryFail("abandoned at the deadline");
                violations.add(violation(reference, requestDeadline.timedOut()));
            } else if (result.succeeded()) {
                facts.add(result.result());
            } else if (result.cause() instanceof ImageRejectedList rejected) {
                rejected.problems().forEach(p -> violations.add(violation(reference, p)));
            } else {
                LOG.errorf(result.cause(), "Checking %s failed unexpectedly", LogValue.of(SafeText.url(reference.url())));
                violations.add(violation(reference, new ImageRejected("could not be checked (unexpected error)")));
            }
        }
        if (!violations.isEmpty()) {
            throw FunctionFailure.invalid(violations);
        }
        return facts;
    }

    private static Future<ImageFacts> check(UrlProbe probe, ImageReference reference, Deadline requestDeadline) {
        long started = System.nanoTime();
        return probe.run(reference.url(), requestDeadline).transform(done -> {
            if (done.failed()) {
                ImageRejected e = done.cause() instanceof ImageRejected rejected ? rejected
                        : new ImageRejected("could not be checked (unexpected error)");
                LOG.debugf("%s %s rejected: %s", reference.field(), LogValue.of(SafeText.url(reference.url())),
                        LogValue.of(e.problem()));
                return Future.failedFuture(new ImageRejectedList(List.of(e)));
            }
            UrlProbe.Result result = done.result();
            ProbedImage image = result.image();
            LOG.debugf("%s %s: %s %dx%d, %d bytes; %d requests, %d body bytes received, %d needed, %d ms",
                    reference.field(), LogValue.of(SafeText.url(reference.url())), image.format().displayName(),
                    image.width(), image.height(), result.totalBytes(), result.requests(), result.bytesReceived(),
                    image.bytesNeeded(), (System.nanoTime() - started) / 1_000_000);
            List<String> problems = ImageRules.dimensionProblems(image.width(), image.height());
            if (!problems.isEmpty()) {
                return Future.failedFuture(new ImageRejectedList(problems.stream().map(ImageRejected::new).toList()));
            }
            return Future.succeededFuture(new ImageFacts(reference.field(), reference.displayUrl(),
                    image.format().displayName(), image.width(), image.height(), result.totalBytes()));
        });
    }

    private static Violation violation(ImageReference reference, ImageRejected rejected) {
        return new Violation(reference.invalidCode(),
                reference.field() + " (" + SafeText.url(reference.url()) + "): " + rejected.problem(),
                reference.url(), rejected.isUnreachable());
    }

    /** Nothing is held between requests; kept so that callers may close it as before. */
    @PreDestroy
    @Override
    public void close() {
        // no shared resources to release: the HTTP client belongs to the Vert.x instance
    }
}
