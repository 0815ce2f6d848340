package dev.vodelement.upload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.vodelement.config.CosConfig;
import dev.vodelement.cos.CosClient;
import dev.vodelement.cos.CosEndpoint;
import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.element.CreatedElement;
import dev.vodelement.element.ElementRequest;
import dev.vodelement.element.ElementRequestParser;
import dev.vodelement.element.ElementResultRecord;
import dev.vodelement.element.ElementService;
import dev.vodelement.failure.FailureKind;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.invocation.InvocationDeadlines;
import dev.vodelement.invocation.LogValue;
import dev.vodelement.lock.CrashPoint;
import dev.vodelement.lock.LockAttempt;
import dev.vodelement.lock.ManifestLock;

/**
 * One manifest, from upload to recorded outcome: an existing result object ends it (no VOD call);
 * otherwise, under the manifest's lock, the manifest is read, its images resolved and checked,
 * the element created and its result object written before success is reported. A manifest that
 * cannot succeed gets an error object; a transient failure leaves no outcome object and is thrown,
 * so that the invocation fails and SCF delivers the event again.
 */
@ApplicationScoped
public class ManifestProcessor {

    private static final Logger LOG = Logger.getLogger("dev.vodelement.manifest");
    private static final Duration POLL = Duration.ofMillis(300);

    private final OutcomeObjects outcomes;
    private final ManifestLock locks;
    private final ManifestLoader loader;
    private final ElementRequestParser parser;
    private final ElementService elements;
    private final Duration lockWait;
    private final CrashPoint crashPoint;
    private final InvocationDeadlines deadlines;
    private final Clock clock = Clock.systemUTC();

    public ManifestProcessor(OutcomeObjects outcomes, ManifestLock locks, ManifestLoader loader,
            ElementRequestParser parser, ElementService elements, CosConfig config, CrashPoint crashPoint,
            InvocationDeadlines deadlines) {
        this.outcomes = outcomes;
        this.locks = locks;
        this.loader = loader;
        this.parser = parser;
        this.elements = elements;
        this.lockWait = config.lockWait();
        this.crashPoint = crashPoint;
        this.deadlines = deadlines;
    }

    /**
     * Images that could not be reached (timeout, refused connection, HTTP 5xx) on the bucket's own
     * host mean COS is unreachable, which the contract counts as transient: the invocation fails
     * and SCF delivers the upload again, instead of the manifest being rejected for good. The same
     * on another host is a broken reference and stays a rejection.
     */
    static FunctionFailure bucketUnreachable(FunctionFailure failure, CosEndpoint endpoint) {
        boolean onlyBucketUnreachable = failure.kind() == FailureKind.INVALID_REQUEST
                && !failure.violations().isEmpty()
                && failure.violations().stream().allMatch(v -> v.unreachable() && endpoint.hosts(v.imageUrl()));
        return onlyBucketUnreachable
                ? FunctionFailure.unavailable("ServiceUnavailable", "COS could not be reached for the images: "
                        + failure.getMessage(), null, 0)
                : failure;
    }

    /**
     * @throws FunctionFailure of a transient kind (COS or VOD unreachable or failing, another
     *         invocation still holding the manifest, the result object not written)
     */
    public ManifestResult process(CosEndpoint endpoint, ManifestKey manifest, TencentCredentials credentials) {
        Instant deadline = clock.instant().plus(waitable(deadlines.current().remainingForWork()));
        while (true) {
            Optional<ElementResultRecord> recorded = outcomes.readResult(endpoint, manifest, credentials);
            if (recorded.isPresent()) {
                return existing(manifest, recorded.get(), "result object exists");
            }
            LockAttempt attempt = locks.tryAcquire(endpoint, manifest, credentials);
            if (attempt instanceof LockAttempt.Held held) {
                return underLock(held, manifest, credentials);
            }
            if (attempt instanceof LockAttempt.Stashed stashed) {
                // An earlier invocation created the element but could not record it: record it now.
                outcomes.writeResult(endpoint, manifest, stashed.result(), credentials);
                locks.releaseRecorded(endpoint, manifest, stashed.level(), credentials);
                return existing(manifest, stashed.result(), "recovered from its lock object");
            }
            if (attempt instanceof LockAttempt.Exhausted exhausted) {
                return exhausted(endpoint, manifest, exhausted, credentials);
            }
            LockAttempt.Busy busy = (LockAttempt.Busy) attempt;
            // Polling on past the lock's expiry takes the manifest over; only a lock that outlives
            // lock-wait makes this delivery fail, told when the lock expires, and SCF retries it.
            Instant now = clock.instant();
            if (!now.plus(POLL).isBefore(deadline)) {
                throw FunctionFailure.unavailable("ServiceUnavailable", "manifest " + manifest
                        + " is being processed by another invocation (" + busy.lockKey() + " held until "
                        + busy.expiresAt() + "); a later delivery reports its outcome", null,
                        busy.retryAfter(now), 0);
            }
            pause();
        }
    }

    private ManifestResult underLock(LockAttempt.Held held, ManifestKey manifest, TencentCredentials credentials) {
        CosEndpoint endpoint = held.endpoint();
        boolean keepLock = false;
        boolean recorded = false;
        try {
            Optional<ElementResultRecord> raced = outcomes.readResult(endpoint, manifest, credentials);
            if (raced.isPresent()) {
                recorded = true;
                return existing(manifest, raced.get(), "recorded by another invocation meanwhile");
            }
            crashPoint.reached(CrashPoint.LOCKED);
            CreatedElement created;
            try {
                ElementRequest request = parser.parse(loader.load(endpoint, manifest, credentials));
                created = elements.create(request, Optional.of(credentials));
            } catch (FunctionFailure rejected) {
                FunctionFailure failure = bucketUnreachable(rejected, endpoint);
                if (failure.kind().isTransient()) {
                    throw failure;
                }
                outcomes.writeError(endpoint, manifest, ElementErrorRecord.of(failure, manifest, clock.instant()),
                        credentials);
                crashPoint.reached(CrashPoint.ERROR_WRITTEN);
                LOG.infof("manifest=%s status=rejected code=%s requestId=%s attempts=%d message=%s",
                        LogValue.of(manifest), LogValue.of(failure.code()),
                        LogValue.of(failure.requestId().orElse(null)), failure.attempts(), LogValue.of(failure.getMessage()));
                return ManifestResult.rejected(manifest.key(), failure);
            }
            ElementResultRecord result = new ElementResultRecord(created.elementId(), created.requestId(),
                    manifest.key(), clock.instant().toString());
            // Logged before the write: if the result object cannot be written, this line still has the id.
            LOG.infof("manifest=%s status=created elementId=%s requestId=%s attempts=%d", LogValue.of(manifest),
                    LogValue.of(created.elementId()), LogValue.of(created.requestId()), created.attempts());
            crashPoint.reached(CrashPoint.VOD_ANSWERED);
            try {
                outcomes.writeResult(endpoint, manifest, result, credentials);
            } catch (FunctionFailure writeFailed) {
                keepLock = true;
                throw notRecorded(held, manifest, result, writeFailed, credentials);
            }
            recorded = true;
            crashPoint.reached(CrashPoint.RESULT_WRITTEN);
            return ManifestResult.created(manifest.key(), created.elementId());
        } finally {
            if (recorded) {
                locks.releaseRecorded(endpoint, manifest, held.level(), credentials);
            } else if (!keepLock) {
                locks.release(held, credentials);
            }
        }
    }

    /**
     * VOD created the element but its result object could not be written. The ElementId goes into
     * the held lock object (which a retry reads instead of calling VOD again) and into the log, and
     * the invocation fails so that SCF retries and the retry writes the result object.
     */
    private FunctionFailure notRecorded(LockAttempt.Held held, ManifestKey manifest, ElementResultRecord result,
            FunctionFailure cause, TencentCredentials credentials) {
        boolean stashed = locks.stash(held, result, credentials);
        if (stashed) {
            crashPoint.reached(CrashPoint.STASHED);
        }
        LOG.errorf("manifest=%s status=unrecorded elementId=%s requestId=%s: result object not written (%s); %s",
                LogValue.of(manifest), LogValue.of(result.elementId()), LogValue.of(result.requestId()),
                LogValue.of(cause.getMessage()),
                stashed ? "the ElementId waits in " + LogValue.of(manifest.lockKey(held.level()))
                        + " for the retry"
                        : "the ElementId is only in this log line and the invocation's error");
        return FunctionFailure.unavailable("ServiceUnavailable", "element " + result.elementId()
                + " was created for manifest " + manifest + " but its result object could not be written ("
                + cause.getMessage() + "); " + (stashed ? "a retry records it without creating it again"
                        : "record this ElementId by hand: a retry after the lock expires would create another element"),
                result.requestId(), 0);
    }

    /**
     * So many invocations died holding this manifest that SCF's retries would only add more: the
     * manifest ends with an error object saying so (and how to try again) rather than with stale
     * locks alone. Every level is expired, so no live invocation is overtaken.
     */
    private ManifestResult exhausted(CosEndpoint endpoint, ManifestKey manifest, LockAttempt.Exhausted exhausted,
            TencentCredentials credentials) {
        FunctionFailure failure = FunctionFailure.invalid("ManifestLockExhausted", exhausted.levels()
                + " invocations died while processing manifest " + manifest + " (lock objects "
                + exhausted.firstLockKey() + " to .lock." + exhausted.levels() + "); check the function's logs, then"
                + " delete those lock objects and this error object, and upload the manifest again");
        outcomes.writeError(endpoint, manifest, ElementErrorRecord.of(failure, manifest, clock.instant()), credentials);
        LOG.errorf("manifest=%s status=rejected code=%s message=%s", LogValue.of(manifest), LogValue.of(failure.code()),
                LogValue.of(failure.getMessage()));
        return ManifestResult.rejected(manifest.key(), failure);
    }

    /**
     * How long a delivery may wait for another invocation's lock: {@code lock-wait}, drawn from the
     * invocation's deadline like every other step (an event of several manifests, or a Custom Runtime
     * invocation with little time left), and ending while a COS request and a poll still fit, so
     * that the delivery fails with "being processed" and its Retry-After rather than with a COS
     * request refused for want of time.
     */
    Duration waitable(Duration remainingForWork) {
        Duration left = remainingForWork.minus(CosClient.MIN_ATTEMPT).minus(POLL);
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return left.compareTo(lockWait) < 0 ? left : lockWait;
    }

    private static ManifestResult existing(ManifestKey manifest, ElementResultRecord record, String why) {
        LOG.infof("manifest=%s status=existing elementId=%s requestId=%s (%s)", LogValue.of(manifest),
                LogValue.of(record.elementId()), LogValue.of(record.requestId()), why);
        return ManifestResult.existing(manifest.key(), record.elementId());
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FunctionFailure.unavailable("ServiceUnavailable", "interrupted while waiting for a manifest's lock",
                    null, 0);
        }
    }
}
