package dev.vodelement.caller;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The bearer tokens callers may present, kept only as SHA-256 digests. A presented token is hashed
 * and compared with every digest by {@link MessageDigest#isEqual} (whose time does not depend on
 * where the bytes differ), and all digests are always compared, so neither the answer's timing nor
 * its length tells a caller how close a guess came or which token it resembled.
 */
final class CallerTokens {

    private static final String BEARER = "bearer ";

    private final List<byte[]> digests;

    CallerTokens(List<String> tokens) {
        this.digests = tokens.stream().map(String::strip).filter(token -> !token.isEmpty())
                .map(CallerTokens::sha256).toList();
    }

    boolean isEmpty() {
        return digests.isEmpty();
    }

    /** Whether an {@code Authorization} header value carries one of the tokens. */
    boolean admits(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] presented = sha256(authorization.substring(BEARER.length()).strip());
        boolean admitted = false;
        for (byte[] digest : digests) {
            admitted |= MessageDigest.isEqual(digest, presented);
        }
        return admitted;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
