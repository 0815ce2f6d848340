package dev.vodelement.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.vodelement.cos.CosEndpoint;
import dev.vodelement.credentials.CredentialsResolver;
import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.element.CreatedElement;
import dev.vodelement.element.ElementRequest;
import dev.vodelement.element.ElementResultRecord;
import dev.vodelement.element.ElementService;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.failure.StageFailure;
import dev.vodelement.invocation.InvocationDeadline;
import dev.vodelement.invocation.InvocationDeadlines;
import dev.vodelement.invocation.LogValue;
import dev.vodelement.lock.CrashPoint;
import dev.vodelement.lock.LockAttempt;
import dev.vodelement.lock.ManifestLock;

/**
 * createElement for HTTP callers, with an optional {@code Idempotency-Key}. Without a key it is
 * {@link ElementService#create} and nothing else. With one, the key's record answers repeats, and
 * the first request runs under the same lock as a manifest ({@link ManifestLock}: one lock object
 * created with {@code x-cos-forbid-overwrite}, expiring at the function's timeout plus a grace), so
 * that even concurrent duplicates call VOD once:
 * <ol>
 * <li>a record younger than {@code vod.idempotency.retention}: the same request (same fingerprint)
 * gets the recorded answer, marked replayed, without an image fetch or a VOD call; another request
 * gets {@code 422 FailedOperation.IdempotencyKeyReused};</li>
 * <li>otherwise the lock: held, the record is checked again, the element created, the record
 * written, the lock deleted; held by another live request: {@code 409 ResourceInUse.IdempotencyKey}
 * with {@code Retry-After}; holding an ElementId stashed by a request whose record write failed: that
 * ElementId is recorded now and replayed (to the same request; another gets 422).</li>
 * </ol>
 * A request that fails (a broken rule, VOD refusing or unavailable) leaves no record: nothing was
 * created, and the key may be used again, also with a corrected request.
 * {@link #create} runs all of it on the caller's thread (the event handlers); {@link #createAsync}
 * (the HTTP route) the same steps, holding no thread while the images are checked.
 */
@ApplicationScoped
public class IdempotentCreate {

    private static final Logger LOG = Logger.getLogger("dev.vodelement.idempotency");
    /** The longest Retry-After of a 409: a first request usually ends within a few seconds. */
    static final Duration IN_FLIGHT_RETRY_AFTER = Duration.ofSeconds(2);
    /** Rounds of "record, lock" before giving up with a 409: each extra round follows a lock that vanished. */
    private static final int ROUNDS = 3;

    private final ElementService elements;
    private final IdempotencyStore store;
    private final ManifestLock locks;
    private final CredentialsResolver credentials;
    private final CrashPoint crashPoint;
    private final InvocationDeadlines deadlines;
    private final Clock clock = Clock.systemUTC();

    public IdempotentCreate(ElementService elements, IdempotencyStore store, ManifestLock locks,
            CredentialsResolver credentials, CrashPoint crashPoint, InvocationDeadlines deadlines) {
        this.elements = elements;
        this.deadlines = deadlines;
        this.store = store;
        this.locks = locks;
        this.credentials = credentials;
        this.crashPoint = crashPoint;
    }

    /**
     * @param key the request's {@code Idempotency-Key}, already checked against the header's rule
     * @param request parses the body; called after the key and the store were found usable
     * @param perInvocation credentials handed in for this invocation only, else the configured ones
     */
    public IdempotentAnswer create(Optional<IdempotencyKey> key, KeyScope scope, Supplier<ElementRequest> request,
            Optional<TencentCredentials> perInvocation) {
        if (key.isEmpty()) {
            return IdempotentAnswer.created(elements.create(request.get(), perInvocation));
        }
        Step step = answeredOrLocked(key.get(), scope, request, perInvocation);
        if (step instanceof Answered answered) {
            return answered.answer();
        }
        Locked locked = (Locked) step;
        return recordCreated(locked, () -> elements.create(locked.request(), Optional.of(locked.signer())));
    }

    /**
     * {@link #create} for the HTTP functions: nothing blocks while the images are checked. Without a
     * key, that is {@link ElementService#createAsync}. With one, the store is read and the lock taken
     * on the calling thread (a replay, a 409 or a 422 is known there), the images are checked
     * asynchronously under the lock, and the VOD call, the record and the lock's release continue on
     * {@code blocking}, drawing from {@code deadline} ({@link InvocationDeadlines#resumed}); the lock
     * is released whatever happens, as in {@link #create}.
     *
     * @param deadline the invocation's deadline, for what runs after the request context has ended
     * @param blocking where the VOD call and the COS steps after the images run: a worker pool
     * @throws FunctionFailure what the calling thread finds (the key's store, the body's rules, missing
     *         credentials, a replay refused); later failures fail the stage
     */
    public CompletionStage<IdempotentAnswer> createAsync(Optional<IdempotencyKey> key, KeyScope scope,
            Supplier<ElementRequest> request, Optional<TencentCredentials> perInvocation, InvocationDeadline deadline,
            Executor blocking) {
        if (key.isEmpty()) {
            return elements.createAsync(request.get(), perInvocation, deadline, blocking)
                    .thenApply(IdempotentAnswer::created);
        }
        Step step = answeredOrLocked(key.get(), scope, request, perInvocation);
        if (step instanceof Answered answered) {
            return CompletableFuture.completedFuture(answered.answer());
        }
        Locked locked = (Locked) step;
        CompletionStage<CreatedElement> creating;
        try {
            creating = elements.createAsync(locked.request(), Optional.of(locked.signer()), deadline, blocking);
        } catch (RuntimeException e) {
            locks.release(locked.held(), locked.signer());
            throw e;
        }
        return creating.handleAsync((created, failure) -> deadlines.resumed(deadline,
                () -> recordCreated(locked, () -> {
                    if (failure != null) {
                        throw unwrapped(failure);
                    }
                    return created;
                })), blocking);
    }

    /** Where the record and the lock leave a keyed request before anything is created. */
    private sealed interface Step permits Answered, Locked {
    }

    /** A replay (before or under the lock), or a stashed ElementId recovered: the answer without creating anything. */
    private record Answered(IdempotentAnswer answer) implements Step {
    }

    /** The key's lock is ours and no record was written meanwhile: create under it. */
    private record Locked(LockAttempt.Held held, CosEndpoint bucket, IdempotencyRecordKey target,
            ElementRequest request, TencentCredentials signer) implements Step {
    }

    private Step answeredOrLocked(IdempotencyKey key, KeyScope scope, Supplier<ElementRequest> request,
            Optional<TencentCredentials> perInvocation) {
        CosEndpoint bucket = store.endpoint().orElseThrow(() -> FunctionFailure.invalid(
                "UnsupportedOperation.IdempotencyKey", IdempotencyKey.HEADER + " was sent, but this function has no"
                        + " idempotency store (vod.idempotency.endpoint), so it cannot promise that a repeat creates"
                        + " no second element; send the request without the header, or configure the store"));
        ElementRequest parsed = request.get();
        TencentCredentials signer = credentials.resolve(perInvocation);
        IdempotencyRecordKey target = IdempotencyRecordKey.of(store.prefix(), scope, key,
                RequestFingerprint.of(parsed));
        for (int round = 1;; round++) {
            Optional<IdempotentAnswer> recorded = recorded(bucket, target, signer);
            if (recorded.isPresent()) {
                return new Answered(recorded.get());
            }
            LockAttempt attempt = locks.tryAcquire(bucket, target, signer);
            if (attempt instanceof LockAttempt.Held held) {
                return racedUnderLock(new Locked(held, bucket, target, parsed, signer));
            }
            if (attempt instanceof LockAttempt.Stashed stashed) {
                Optional<IdempotentAnswer> recovered = recover(bucket, target, stashed, signer);
                if (recovered.isPresent()) {
                    return new Answered(recovered.get());
                }
                continue; // an expired stash was cleared: try again
            }
            if (attempt instanceof LockAttempt.Exhausted exhausted) {
                LOG.errorf("record=%s status=exhausted: %d requests died holding this key", target.shortDigest(),
                        exhausted.levels());
                throw FunctionFailure.keyReused("FailedOperation.IdempotencyKeyExhausted", exhausted.levels()
                        + " requests with this " + IdempotencyKey.HEADER + " died before recording an answer;"
                        + " whether an element was created is unknown (the function's logs tell): use a new key");
            }
            LockAttempt.Busy busy = (LockAttempt.Busy) attempt;
            if (round >= ROUNDS || busy.expiresAt().isAfter(clock.instant())) {
                Duration retryAfter = busy.retryAfter(clock.instant());
                LOG.infof("record=%s status=in-flight", target.shortDigest());
                throw FunctionFailure.inProgress("ResourceInUse.IdempotencyKey", "a request with this "
                        + IdempotencyKey.HEADER + " is still being processed; repeat it later to get its answer",
                        retryAfter.compareTo(IN_FLIGHT_RETRY_AFTER) < 0 ? retryAfter : IN_FLIGHT_RETRY_AFTER);
            }
        }
    }

    /** The recorded answer for this request, or 422 for another one; empty without a live record. */
    private Optional<IdempotentAnswer> recorded(CosEndpoint bucket, IdempotencyRecordKey target,
            TencentCredentials signer) {
        return store.read(bucket, target, signer)
                .filter(record -> record.answersAt(clock.instant(), store.retention()))
                .map(record -> replay(target, record.fingerprint(), record.elementId(), record.requestId()));
    }

    private IdempotentAnswer replay(IdempotencyRecordKey target, String fingerprint, String elementId,
            String requestId) {
        if (!target.fingerprint().equals(fingerprint)) {
            LOG.infof("record=%s status=reused-for-another-request", target.shortDigest());
            throw FunctionFailure.keyReused("FailedOperation.IdempotencyKeyReused", "this "
                    + IdempotencyKey.HEADER + " was used for another request (its fields differ); a key stands for"
                    + " one request: use a new key for a new request");
        }
        LOG.infof("record=%s status=replayed elementId=%s requestId=%s", target.shortDigest(),
                LogValue.of(elementId), LogValue.of(requestId));
        return new IdempotentAnswer(new CreatedElement(elementId, requestId, 0), true);
    }

    /**
     * Under the lock, the record once more (a request that held the lock before may have written it):
     * present, the lock is released and the record answers; absent, the lock is {@code locked}'s to
     * create under. Failing here, the lock is released too.
     */
    private Step racedUnderLock(Locked locked) {
        Optional<IdempotentAnswer> raced;
        try {
            raced = recorded(locked.bucket(), locked.target(), locked.signer());
            if (raced.isEmpty()) {
                crashPoint.reached(CrashPoint.LOCKED);
            }
        } catch (RuntimeException e) {
            locks.release(locked.held(), locked.signer());
            throw e;
        }
        if (raced.isEmpty()) {
            return locked;
        }
        locks.releaseRecorded(locked.bucket(), locked.target(), locked.held().level(), locked.signer());
        return new Answered(raced.get());
    }

    /**
     * Creates the element ({@code creation}: the images and the VOD call, or their outcome), records
     * the answer and releases the lock, whatever happens: a failed creation leaves no record and the
     * key free; an element whose record cannot be written waits in the lock for the repeat.
     */
    private IdempotentAnswer recordCreated(Locked locked, Supplier<CreatedElement> creation) {
        LockAttempt.Held held = locked.held();
        CosEndpoint bucket = locked.bucket();
        IdempotencyRecordKey target = locked.target();
        TencentCredentials signer = locked.signer();
        boolean recorded = false;
        boolean keepLock = false;
        try {
            CreatedElement created = creation.get();
            String createdAt = clock.instant().toString();
            // Logged before the write: if the record cannot be written, this line still has the id.
            LOG.infof("record=%s status=created elementId=%s requestId=%s", target.shortDigest(),
                    LogValue.of(created.elementId()), LogValue.of(created.requestId()));
            crashPoint.reached(CrashPoint.VOD_ANSWERED);
            try {
                store.write(bucket, target, new IdempotencyRecord(created.elementId(), created.requestId(),
                        target.fingerprint(), createdAt), signer);
            } catch (FunctionFailure writeFailed) {
                keepLock = true;
                notRecorded(held, target, created, createdAt, writeFailed, signer);
                // The element exists: the caller gets it now; a repeat finds it in the lock.
                return IdempotentAnswer.created(created);
            }
            recorded = true;
            crashPoint.reached(CrashPoint.RESULT_WRITTEN);
            return IdempotentAnswer.created(created);
        } finally {
            if (recorded) {
                locks.releaseRecorded(bucket, target, held.level(), signer);
            } else if (!keepLock) {
                locks.release(held, signer);
            }
        }
    }

    /** What a stage failed with, rethrowable. */
    private static RuntimeException unwrapped(Throwable failure) {
        Throwable cause = StageFailure.cause(failure);
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    /** As for a manifest: the ElementId goes into the held lock, which a repeat reads instead of calling VOD. */
    private void notRecorded(LockAttempt.Held held, IdempotencyRecordKey target, CreatedElement created,
            String createdAt, FunctionFailure cause, TencentCredentials signer) {
        boolean stashed = locks.stash(held, new ElementResultRecord(created.elementId(), created.requestId(),
                target.key(), createdAt), signer);
        if (stashed) {
            crashPoint.reached(CrashPoint.STASHED);
        }
        LOG.errorf("record=%s status=unrecorded elementId=%s requestId=%s: record not written (%s); %s",
                target.shortDigest(), LogValue.of(created.elementId()), LogValue.of(created.requestId()),
                LogValue.of(cause.getMessage()), stashed ? "the ElementId waits in the lock object for a repeat"
                        : "a repeat after the lock expires would create another element");
    }

    /**
     * A lock holding an ElementId whose record could not be written: recorded now and replayed to the
     * same request (another gets 422). One older than the retention is cleared instead, like an
     * expired record: empty, and the caller tries again.
     */
    private Optional<IdempotentAnswer> recover(CosEndpoint bucket, IdempotencyRecordKey target,
            LockAttempt.Stashed stashed, TencentCredentials signer) {
        ElementResultRecord result = stashed.result();
        IdempotencyRecord record = new IdempotencyRecord(result.elementId(), result.requestId(),
                stashed.fingerprint(), result.createdAt());
        if (!record.answersAt(clock.instant(), store.retention())) {
            locks.releaseRecorded(bucket, target, stashed.level(), signer);
            return Optional.empty();
        }
        IdempotentAnswer answer = replay(target, stashed.fingerprint(), result.elementId(), result.requestId());
        store.write(bucket, target, record, signer);
        locks.releaseRecorded(bucket, target, stashed.level(), signer);
        return Optional.of(answer);
    }
}
