package dev.vodelement.image;

import java.io.IOException;

import dev.vodelement.failure.SafeText;

/**
 * An image reference breaks a rule or cannot be checked. The message is written for the caller
 * ("width 299 px is below 300 px") and is prefixed with the field and URL by the inspector; it must
 * never contain a secret, so URLs in it are always shown through {@link SafeText#url}.
 *
 * <p>It is an {@link IOException} so that a verdict reached deep inside a stream (a timeout, the
 * byte cap, a bad answer to a range request) travels through {@link java.io.InputStream} methods to
 * the prober's caller unchanged. Catch it before any other {@code IOException}.
 */
public final class ImageRejected extends IOException {

    private final boolean unreachable;

    public ImageRejected(String problem) {
        this(problem, false);
    }

    private ImageRejected(String problem, boolean unreachable) {
        super(problem);
        this.unreachable = unreachable;
    }

    /** The image could not be reached (timeout, refused connection, HTTP 5xx): not a verdict on the image. */
    public static ImageRejected unreachable(String problem) {
        return new ImageRejected(problem, true);
    }

    public boolean isUnreachable() {
        return unreachable;
    }

    /** A verdict, not a fault: the stack trace would only cost time and is never shown. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** What is wrong, without the field and URL. */
    public String problem() {
        return getMessage();
    }
}
