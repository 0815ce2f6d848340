package dev.vodelement.failure;

/**
 * One broken rule: a contract error code ({@code InvalidParameterValue.ElementName}) and a readable
 * message. For an image, also the URL checked and whether the image could not be reached at all
 * (timeout, refused connection, HTTP 5xx), which an upload may treat as a transient cause when the
 * image lives in the bucket that triggered it.
 */
public record Violation(String code, String message, String imageUrl, boolean unreachable) {

    public Violation(String code, String message) {
        this(code, message, null, false);
    }
}
