package dev.vodelement.lock;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.config.CosConfig;
import dev.vodelement.config.InvocationConfig;
import dev.vodelement.cos.CosClient;
import dev.vodelement.cos.CosEndpoint;
import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.element.ElementResultRecord;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.invocation.LogValue;

/**
 * Keeps two deliveries of the same upload (or two HTTP requests with the same idempotency key: any
 * {@link LockedKey}) from creating two elements. The lock is a chain of
 * objects next to the manifest, {@code <name>.element.lock}, {@code .lock.2}, ..., each written
 * with {@code x-cos-forbid-overwrite: true}, so COS lets exactly one writer create each of them.
 * A lock expires when its holder is certainly dead: the function's timeout (after which SCF kills
 * it) plus a grace after it was taken. An expired lock is then never deleted nor replaced (which would let two
 * invocations that both saw it expired each believe they replaced it) but passed over: whoever
 * creates the next level holds the manifest. Expired levels are deleted only once a result object
 * exists, since any later holder checks for that object before creating anything.
 */
@ApplicationScoped
public class ManifestLock {

    private static final Logger LOG = Logger.getLogger(ManifestLock.class);
    private static final int MAX_BYTES = 16 * 1024;
    private static final String JSON = "application/json";
    /** Each level past the first is an invocation that crashed or overran its lock: give up well before. */
    static final int MAX_LEVELS = 8;

    private final CosClient cos;
    private final ObjectMapper mapper;
    private final Duration expiry;
    private final Clock clock;

    @Inject
    public ManifestLock(CosClient cos, ObjectMapper mapper, CosConfig config, InvocationConfig invocation) {
        this(cos, mapper, lifetime(invocation, config), Clock.systemUTC());
    }

    /** How long a lock keeps other deliveries out: as long as its holder can possibly be alive, and a grace. */
    public static Duration lifetime(InvocationConfig invocation, CosConfig config) {
        return invocation.timeout().plus(config.lockGrace());
    }

    ManifestLock(CosClient cos, ObjectMapper mapper, Duration expiry, Clock clock) {
        this.cos = cos;
        this.mapper = mapper;
        this.expiry = expiry;
        this.clock = clock;
    }

    public LockAttempt tryAcquire(CosEndpoint endpoint, LockedKey target, TencentCredentials credentials) {
        String holder = UUID.randomUUID().toString();
        Instant now = clock.instant();
        LockRecord mine = new LockRecord(holder, target.key(), now.toString(), now.plus(expiry).toString(),
                null, null, null, target.fingerprint());
        int vanished = 0;
        for (int level = 1; level <= MAX_LEVELS; level++) {
            String key = target.lockKey(level);
            if (cos.put(endpoint, key, json(mine), JSON, true, credentials)) {
                return new LockAttempt.Held(endpoint, target, level, holder);
            }
            Optional<LockRecord> current = read(endpoint, key, credentials);
            if (current.isEmpty()) {
                // Released between our PUT and our GET: try the same level again.
                if (++vanished <= 3) {
                    level--;
                    continue;
                }
                return new LockAttempt.Busy(key, now);
            }
            LockRecord lock = current.get();
            if (lock.holdsCreatedElement()) {
                return new LockAttempt.Stashed(level, lock.result(), lock.fingerprint());
            }
            if (holder.equals(lock.holder())) {
                // Our PUT was stored but its answer lost; the retry then met our own lock.
                return new LockAttempt.Held(endpoint, target, level, holder);
            }
            Optional<Instant> expiresAt = instant(lock.expiresAt());
            if (expiresAt.isPresent() && expiresAt.get().isAfter(now)) {
                return new LockAttempt.Busy(key, expiresAt.get());
            }
            LOG.infof("lock %s of holder %s expired at %s: taking the next level", LogValue.of(key),
                    LogValue.of(lock.holder()), LogValue.of(lock.expiresAt()));
        }
        return new LockAttempt.Exhausted(target.lockKey(1), MAX_LEVELS);
    }

    /**
     * Leaves a created element in the held lock object when its result object could not be written.
     *
     * @return whether the lock object now carries the ElementId
     */
    public boolean stash(LockAttempt.Held held, ElementResultRecord result, TencentCredentials credentials) {
        LockRecord record = new LockRecord(held.holder(), held.target().key(), null, null, result.elementId(),
                result.requestId(), result.createdAt(), held.target().fingerprint());
        try {
            cos.put(held.endpoint(), held.target().lockKey(held.level()), json(record), JSON, false,
                    credentials);
            return true;
        } catch (FunctionFailure e) {
            LOG.errorf("%s=%s status=unrecorded elementId=%s requestId=%s:"
                    + " could not keep the ElementId in %s either: %s",
                    held.target().kind(), LogValue.of(held.target().key()),
                    LogValue.of(result.elementId()), LogValue.of(result.requestId()),
                    LogValue.of(held.target().lockKey(held.level())), LogValue.of(e.getMessage()));
            return false;
        }
    }

    /** After the result (or idempotency record) object was written: every level up to {@code level} may go. */
    public void releaseRecorded(CosEndpoint endpoint, LockedKey target, int level, TencentCredentials credentials) {
        for (int l = level; l >= 1; l--) {
            delete(endpoint, target.lockKey(l), credentials);
        }
    }

    /** Without a result object: only this invocation's own level goes; expired levels below stay passed over. */
    public void release(LockAttempt.Held held, TencentCredentials credentials) {
        delete(held.endpoint(), held.target().lockKey(held.level()), credentials);
    }

    private void delete(CosEndpoint endpoint, String key, TencentCredentials credentials) {
        try {
            cos.delete(endpoint, key, credentials);
        } catch (FunctionFailure e) {
            // Harmless: an undeleted lock expires, and one below a written result is never consulted.
            LOG.warnf("could not delete lock object %s: %s", LogValue.of(key), LogValue.of(e.getMessage()));
        }
    }

    private Optional<LockRecord> read(CosEndpoint endpoint, String key, TencentCredentials credentials) {
        return cos.get(endpoint, key, credentials, MAX_BYTES).map(bytes -> {
            try {
                return mapper.readValue(bytes, LockRecord.class);
            } catch (IOException e) {
                // Unreadable: treat as expired rather than let it block the manifest forever.
                return new LockRecord(null, null, null, null, null, null, null, null);
            }
        });
    }

    private static Optional<Instant> instant(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private byte[] json(LockRecord record) {
        try {
            return mapper.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a lock record", e);
        }
    }
}
