package dev.vodelement.lock;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vodelement.config.CrashTestConfig;

/**
 * The steps of the upload flow at which the crash tests kill the process. Inert unless the test-only
 * {@code vod.crash-test.pause-at} names a step: the invocation reaching that step then announces it
 * on stdout and blocks, so that the test kills it exactly there instead of racing it with sleeps.
 */
@ApplicationScoped
public class CrashPoint {

    /** The manifest's lock object is ours; nothing else written yet. */
    public static final String LOCKED = "locked";
    /** VOD answered with an ElementId (logged); no outcome object written yet. */
    public static final String VOD_ANSWERED = "vod-answered";
    /** The result object is written; the lock objects are still there. */
    public static final String RESULT_WRITTEN = "result-written";
    /** The result object could not be written; the ElementId is in the lock object. */
    public static final String STASHED = "stashed";
    /** The error object is written; the lock object is still there. */
    public static final String ERROR_WRITTEN = "error-written";

    static final String MARKER = "CRASH-TEST paused at ";

    private final Optional<String> pauseAt;

    public CrashPoint(CrashTestConfig config) {
        this.pauseAt = config.pauseAt();
    }

    /** Returns at once, unless the crash tests asked to stop at {@code step}. */
    public void reached(String step) {
        if (pauseAt.isEmpty() || !pauseAt.get().equals(step)) {
            return;
        }
        // stdout, not the log: the test reads this line whatever the log format.
        System.out.println(MARKER + step);
        System.out.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
