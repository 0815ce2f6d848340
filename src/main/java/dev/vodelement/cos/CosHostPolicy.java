package dev.vodelement.cos;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.vodelement.config.CosConfig;

/**
 * Which hosts may receive signed COS requests and pre-signed URLs. {@code /event-invoke} accepts
 * any event body, so without this check a forged COS event could make the function sign requests
 * for, and hand credential-bearing URLs to, a host of the forger's choosing.
 */
@ApplicationScoped
public class CosHostPolicy {

    private final List<String> allowed;

    @Inject
    public CosHostPolicy(CosConfig config) {
        this(config.allowedHostSuffixes());
    }

    public CosHostPolicy(List<String> suffixes) {
        this.allowed = suffixes.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
    }

    /** Dotted entries match by suffix ({@code .myqcloud.com}), others the whole host. */
    public boolean allows(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String entry : allowed) {
            if (entry.startsWith(".") ? h.endsWith(entry) && h.length() > entry.length() : h.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    public List<String> allowed() {
        return allowed;
    }
}
