package dev.vodelement.upload;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vodelement.config.CosConfig;
import dev.vodelement.cos.CosEndpoint;
import dev.vodelement.cos.CosEventRecord;
import dev.vodelement.cos.CosHostPolicy;
import dev.vodelement.credentials.CredentialsResolver;
import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.failure.FailureKind;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.failure.SafeText;
import dev.vodelement.invocation.LogValue;

/**
 * A COS trigger event: every record whose key ends with {@code .element.json} is a manifest and
 * is processed; the others are reported as ignored. All records are processed even when one
 * fails transiently; then the invocation fails (so that SCF delivers the event again, and the
 * manifests already recorded answer "existing") and its error names each transient failure.
 */
@ApplicationScoped
public class CosUploadHandler {

    private static final Logger LOG = Logger.getLogger("dev.vodelement.manifest");

    private final ManifestProcessor processor;
    private final CosHostPolicy hosts;
    private final CredentialsResolver credentials;
    private final boolean forceHttps;
    private final Optional<CosEndpoint> endpointOverride;

    public CosUploadHandler(ManifestProcessor processor, CosHostPolicy hosts, CredentialsResolver credentials,
            CosConfig config) {
        this.processor = processor;
        this.hosts = hosts;
        this.credentials = credentials;
        this.forceHttps = config.forceHttps();
        this.endpointOverride = config.endpointOverride().filter(url -> !url.isBlank())
                .map(url -> CosEndpoint.ofBaseUrl(URI.create(url.trim())));
    }

    public UploadResults handle(JsonNode event, Optional<TencentCredentials> perInvocation) {
        // Without credentials nothing can be read, created or recorded: fail before touching anything.
        TencentCredentials signer = credentials.resolve(perInvocation);
        JsonNode records = event.path("Records");
        List<ManifestResult> results = new ArrayList<>(records.size());
        List<Failed> failures = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String key = CosEventRecord.keyOf(records.get(i));
            try {
                results.add(handle(records.get(i), i, signer));
            } catch (FunctionFailure failure) {
                if (!failure.kind().isTransient()) {
                    // e.g. an oversized object where a result or lock object should be: report it, retrying cannot help
                    logRejected(Logger.Level.INFO, key, failure);
                    results.add(ManifestResult.rejected(key, failure));
                    continue;
                }
                LOG.infof("manifest=%s status=failed code=%s requestId=%s attempts=%d message=%s", LogValue.of(key),
                        LogValue.of(failure.code()), LogValue.of(failure.requestId().orElse(null)), failure.attempts(),
                        LogValue.of(failure.getMessage()));
                failures.add(new Failed(key, failure));
            }
        }
        if (!failures.isEmpty()) {
            throw invocationFailure(failures);
        }
        return new UploadResults(results);
    }

    private ManifestResult handle(JsonNode node, int index, TencentCredentials signer) {
        CosEventRecord record;
        try {
            record = CosEventRecord.parse(node, index);
        } catch (FunctionFailure malformed) {
            // No trustworthy place to write an error object: the answer carries the reason.
            logRejected(Logger.Level.INFO, CosEventRecord.keyOf(node), malformed);
            return ManifestResult.rejected(CosEventRecord.keyOf(node), malformed);
        }
        if (!ManifestKey.isManifest(record.key()) || !record.isObjectCreated()) {
            LOG.debugf("manifest=%s status=ignored event=%s", LogValue.of(record.key()),
                    LogValue.of(record.eventName()));
            return ManifestResult.ignored(record.key());
        }
        CosEndpoint endpoint = CosEndpoint.of(record.objectUrl(), forceHttps);
        if (!hosts.allows(endpoint.host())) {
            FunctionFailure notAllowed = FunctionFailure.invalid("InvalidParameter",
                    "Records[" + index + "].cos.cosObject.url names host " + endpoint.host()
                            + ", which is not an allowed COS host (vod.cos.allowed-host-suffixes: "
                            + String.join(",", hosts.allowed()) + ")");
            // A forged event posted to /event-invoke looks like this: worth a warning.
            logRejected(Logger.Level.WARN, record.key(), notAllowed);
            return ManifestResult.rejected(record.key(), notAllowed);
        }
        return processor.process(endpointOverride.orElse(endpoint), new ManifestKey(record.key()), signer);
    }

    private static void logRejected(Logger.Level level, String manifest, FunctionFailure failure) {
        LOG.logf(level, "manifest=%s status=rejected code=%s requestId=%s attempts=%d message=%s", LogValue.of(manifest),
                LogValue.of(failure.code()), LogValue.of(failure.requestId().orElse(null)), failure.attempts(),
                LogValue.of(failure.getMessage()));
    }

    private static FunctionFailure invocationFailure(List<Failed> failures) {
        Failed first = failures.get(0);
        String message = failures.stream().map(Failed::message).collect(Collectors.joining("; "));
        if (failures.stream().anyMatch(f -> f.failure.kind() == FailureKind.MISCONFIGURED)) {
            Failed misconfigured = failures.stream().filter(f -> f.failure.kind() == FailureKind.MISCONFIGURED)
                    .findFirst().orElseThrow();
            return FunctionFailure.misconfigured(misconfigured.failure.code(), message);
        }
        Duration retryAfter = failures.stream().map(f -> f.failure.retryAfter().orElse(Duration.ZERO))
                .max(Duration::compareTo).orElse(Duration.ZERO);
        return FunctionFailure.unavailable(first.failure.code(), message, first.failure.requestId().orElse(null),
                retryAfter.isZero() ? FunctionFailure.RETRY_AFTER : retryAfter, first.failure.attempts());
    }

    private record Failed(String manifest, FunctionFailure failure) {

        /** The failure's message, naming the manifest when it does not already. */
        String message() {
            String text = SafeText.message(failure.getMessage());
            return manifest == null || text.contains(manifest) ? text : "manifest " + manifest + ": " + text;
        }
    }
}
