package dev.vodelement.credentials;

import java.util.Optional;
import java.util.function.UnaryOperator;

import org.jboss.logging.Logger;


/**
 * The credentials SCF hands an image-based function with each invocation, in request headers.
 * They belong to that invocation alone: read them per request and pass them down the call.
 */
public final class ScfCredentialHeaders {

    public static final String SECRET_ID = "X-Scf-Secret-Id";
    public static final String SECRET_KEY = "X-Scf-Secret-Key";
    public static final String SESSION_TOKEN = "X-Scf-Session-Token";
    private static final Logger LOG = Logger.getLogger(ScfCredentialHeaders.class);

    private ScfCredentialHeaders() {
    }

    /** @param header a header value by name, null when absent */
    public static Optional<TencentCredentials> from(UnaryOperator<String> header) {
        String id = blankToNull(header.apply(SECRET_ID));
        String key = blankToNull(header.apply(SECRET_KEY));
        if (id == null && key == null) {
            return Optional.empty();
        }
        if (id == null || key == null) {
            LOG.warnf("ignoring %s without %s: using the configured credentials", id == null ? SECRET_KEY : SECRET_ID,
                    id == null ? SECRET_ID : SECRET_KEY);
            return Optional.empty();
        }
        return Optional.of(new TencentCredentials(id, key, blankToNull(header.apply(SESSION_TOKEN))));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
