package dev.vodelement.image.inspect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
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

/**
 * Checks every image of a request at the same time, over HTTP, reading only the bytes that decide
 * format, size and dimensions, and reports every broken image in one failure. See docs/images.md.
 */
@ApplicationScoped
public class HttpImageInspector implements ImageInspector, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HttpImageInspector.class);
    /** A probe enforces its own deadline; this is for a thread stuck where no timeout applies (DNS). */
    private static final long GRACE_MILLIS = 500;

    private final UrlProbe probe;
    private final Duration deadline;
    private final ExecutorService executor;

    @Inject
    public HttpImageInspector(ImageCheckConfig config) {
        this(config, HostResolver.SYSTEM, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** With another resolver or TLS trust, for tests and the benchmark. */
    public HttpImageInspector(ImageCheckConfig config, HostResolver resolver, SSLSocketFactory tls) {
        AddressGuard guard = new AddressGuard(resolver,
                config.allowPrivateNetworks() ? AddressPolicy.ALLOW_ALL : AddressPolicy.PUBLIC_ONLY);
        ImageHttpClient http = new ImageHttpClient(tls, config.connectTimeout(), config.readTimeout());
        this.probe = new UrlProbe(guard, http, ProbeLimits.of(config));
        this.deadline = config.deadline();
        this.executor = executor(Math.max(1, config.concurrency()));
    }

    @Override
    public List<ImageFacts> inspect(List<ImageReference> references) {
        Deadline requestDeadline = Deadline.after(deadline);
        List<Future<ImageFacts>> futures = new ArrayList<>(references.size());
        for (ImageReference reference : references) {
            futures.add(executor.submit(() -> check(reference, requestDeadline)));
        }
        List<ImageFacts> facts = new ArrayList<>(references.size());
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
            ImageReference reference = references.get(i);
            try {
                facts.add(futures.get(i).get(requestDeadline.remainingMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS));
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

    private ImageFacts check(ImageReference reference, Deadline requestDeadline) throws ImageRejectedList {
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
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "image-probe-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @PreDestroy
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
