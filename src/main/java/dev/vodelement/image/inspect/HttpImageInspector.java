package dev.vodelement.image.inspect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocketFactory;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.vodelement.config.ImageCheckConfig;
import dev.vodelement.element.ImageFacts;
import dev.vodelement.element.ImageInspector;
import dev.vodelement.element.ImageReference;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.failure.SafeText;
import dev.vodelement.invocation.LogValue;
import dev.vodelement.failure.Violation;
import dev.vodelement.image.Deadline;
import dev.vodelement.image.ImageRejected;
import dev.vodelement.image.address.AddressGuard;
import dev.vodelement.image.address.AddressPolicy;
import dev.vodelement.image.address.HostResolver;
import dev.vodelement.image.fetch.ImageHttpClient;
import dev.vodelement.image.format.ProbedImage;
import dev.vodelement.invocation.InvocationDeadlines;

/**
 * Checks every image of a request at the same time, over HTTP, reading only the bytes that decide
 * format, size and dimensions, and reports every broken image in one failure. See docs/images.md.
 */
@ApplicationScoped
public class HttpImageInspector implements ImageInspector, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HttpImageInspector.class);
    /** Every wait of a probe ends at the deadline; this covers a thread slow to notice, once per request. */
    private static final long GRACE_MILLIS = 500;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Checker checker;
    private final Duration deadline;
    private final int concurrency;
    private final Duration grace;
    private final InvocationDeadlines invocations;

    /** Checks one image within the request's deadline; the seam tests use to stand in for a probe. */
    @FunctionalInterface
    interface Checker {
        ImageFacts check(ImageReference reference, Deadline deadline) throws ImageRejectedList;
    }

    @Inject
    public HttpImageInspector(ImageCheckConfig config, InvocationDeadlines invocations) {
        this(config, HostResolver.SYSTEM, (SSLSocketFactory) SSLSocketFactory.getDefault(), invocations);
    }

    /** With another resolver or TLS trust, for tests and the benchmark; outside any invocation. */
    public HttpImageInspector(ImageCheckConfig config, HostResolver resolver, SSLSocketFactory tls) {
        this(config, resolver, tls, InvocationDeadlines.defaults());
    }

    public HttpImageInspector(ImageCheckConfig config, HostResolver resolver, SSLSocketFactory tls,
            InvocationDeadlines invocations) {
        this(config, invocations, Duration.ofMillis(GRACE_MILLIS), probing(config, resolver, tls));
    }

    HttpImageInspector(ImageCheckConfig config, InvocationDeadlines invocations, Duration grace, Checker checker) {
        this.checker = checker;
        this.deadline = config.deadline();
        this.concurrency = Math.max(1, config.concurrency());
        this.grace = grace;
        this.invocations = invocations;
    }

    private static Checker probing(ImageCheckConfig config, HostResolver resolver, SSLSocketFactory tls) {
        AddressGuard guard = new AddressGuard(resolver,
                config.allowPrivateNetworks() ? AddressPolicy.ALLOW_ALL : AddressPolicy.PUBLIC_ONLY);
        ImageHttpClient http = new ImageHttpClient(tls, config.connectTimeout(), config.readTimeout());
        UrlProbe probe = new UrlProbe(guard, http, ProbeLimits.of(config));
        return (reference, requestDeadline) -> check(probe, reference, requestDeadline);
    }

    /**
     * The request's images run on threads of this request only (at most {@code concurrency}), so a
     * request whose hosts hang never holds a thread another request waits for. Every wait of a probe
     * (DNS included) ends at the deadline; the grace covers a thread that is slow to notice, and
     * is granted once per request. Threads still running then are interrupted and left to end.
     */
    @Override
    public List<ImageFacts> inspect(List<ImageReference> references) {
        if (references.isEmpty()) {
            return List.of();
        }
        Duration forWork = invocations.current().capForWork(deadline);
        Deadline requestDeadline = Deadline.after(forWork);
        Deadline waitLimit = requestDeadline.extendedBy(grace);
        ExecutorService executor = executor(Math.min(concurrency, references.size()));
        try {
            return collect(references, requestDeadline, waitLimit, executor);
        } finally {
            executor.shutdownNow();
        }
    }

    private List<ImageFacts> collect(List<ImageReference> references, Deadline requestDeadline, Deadline waitLimit,
            ExecutorService executor) {
        List<Future<ImageFacts>> futures = new ArrayList<>(references.size());
        for (ImageReference reference : references) {
            futures.add(executor.submit(() -> checker.check(reference, requestDeadline)));
        }
        List<ImageFacts> facts = new ArrayList<>(references.size());
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
            ImageReference reference = references.get(i);
            try {
                facts.add(futures.get(i).get(waitLimit.remainingMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ImageRejectedList rejected) {
                    rejected.problems().forEach(p -> violations.add(violation(reference, p)));
                } else {
                    LOG.errorf(e.getCause(), "Checking %s failed unexpectedly",
                            LogValue.of(SafeText.url(reference.url())));
                    violations.add(violation(reference, new ImageRejected("could not be checked (unexpected error)")));
                }
            } catch (TimeoutException | CancellationException e) {
                futures.get(i).cancel(true);
                violations.add(violation(reference, requestDeadline.timedOut()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                throw FunctionFailure.unavailable("ServiceUnavailable", "image check interrupted", null, 0);
            }
        }
        if (!violations.isEmpty()) {
            throw FunctionFailure.invalid(violations);
        }
        return facts;
    }

    private static ImageFacts check(UrlProbe probe, ImageReference reference, Deadline requestDeadline)
            throws ImageRejectedList {
        long started = System.nanoTime();
        try {
            UrlProbe.Result result = probe.run(reference.url(), requestDeadline);
            ProbedImage image = result.image();
            LOG.debugf("%s %s: %s %dx%d, %d bytes; %d requests, %d bytes received, %d needed, %d ms",
                    reference.field(), LogValue.of(SafeText.url(reference.url())), image.format().displayName(),
                    image.width(), image.height(), result.totalBytes(), result.requests(), result.bytesReceived(),
                    image.bytesNeeded(), (System.nanoTime() - started) / 1_000_000);
            List<String> problems = ImageRules.dimensionProblems(image.width(), image.height());
            if (!problems.isEmpty()) {
                throw new ImageRejectedList(problems.stream().map(ImageRejected::new).toList());
            }
            return new ImageFacts(reference.field(), reference.displayUrl(), image.format().displayName(),
                    image.width(), image.height(), result.totalBytes());
        } catch (ImageRejected e) {
            LOG.debugf("%s %s rejected: %s", reference.field(), LogValue.of(SafeText.url(reference.url())),
                    LogValue.of(e.problem()));
            throw new ImageRejectedList(List.of(e));
        }
    }

    private static Violation violation(ImageReference reference, ImageRejected rejected) {
        return new Violation(reference.invalidCode(),
                reference.field() + " (" + SafeText.url(reference.url()) + "): " + rejected.problem(),
                reference.url(), rejected.isUnreachable());
    }

    private static ExecutorService executor(int threads) {
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "image-probe-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Nothing is shared between requests any more; kept so that callers may close it as before. */
    @PreDestroy
    @Override
    public void close() {
        // no shared threads to stop
    }
}
