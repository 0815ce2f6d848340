package dev.vodelement.credentials;

import java.util.Optional;

/**
 * A SecretId/SecretKey pair, with the session token of temporary (role) credentials. Its
 * {@code toString} never shows the key or the token, so it is safe to log by mistake.
 */
public record TencentCredentials(String secretId, String secretKey, String sessionToken) {

    public TencentCredentials {
        if (secretId == null || secretId.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("a SecretId and a SecretKey are both required");
        }
        sessionToken = sessionToken == null || sessionToken.isBlank() ? null : sessionToken;
    }

    public Optional<String> token() {
        return Optional.ofNullable(sessionToken);
    }

    @Override
    public String toString() {
        return "TencentCredentials[secretId=" + secretId + ", secretKey=***"
                + (sessionToken == null ? "" : ", sessionToken=***") + "]";
    }
}
