package dev.vodelement.image;

import dev.vodelement.element.DisplayUrl;
import java.io.IOException;

/**
 * An image reference breaks a rule or cannot be checked. The message is written for the caller
 * ("width 299 px is below 300 px") and is prefixed with the field and URL by the inspector; it must
 * never contain a secret, so URLs in it are always shown through {@link DisplayUrl}.
 *
 * <p>It is an {@link IOException} so that a verdict reached deep inside a stream (a timeout, the
 * byte cap, a bad answer to a range request) travels through {@link java.io.InputStream} methods to
 * the prober's caller unchanged. Catch it before any other {@code IOException}.
 */
public final class ImageRejected extends IOException {

    public ImageRejected(String problem) {
        super(problem);
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
