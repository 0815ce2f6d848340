package dev.vodelement.idempotency;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.config.IdempotencyConfig;
import dev.vodelement.cos.CosClient;
import dev.vodelement.cos.CosEndpoint;
import dev.vodelement.cos.CosHostPolicy;
import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.failure.FunctionFailure;

/**
 * The idempotency records in their COS bucket ({@code vod.idempotency.*}): read and written with
 * the function's own credentials through {@link CosClient}, like the outcome objects of uploads.
 * Whether there is a store at all, and whether its configuration is usable, is decided once, at
 * start-up; it is reported only to requests that carry a key.
 */
@ApplicationScoped
public class IdempotencyStore {

    private static final int MAX_BYTES = 16 * 1024;
    static final String JSON = "application/json";

    private final CosClient cos;
    private final ObjectMapper mapper;
    private final Optional<CosEndpoint> endpoint;
    private final String problem;
    private final String prefix;
    private final Duration retention;

    @Inject
    public IdempotencyStore(CosClient cos, ObjectMapper mapper, IdempotencyConfig config, CosHostPolicy hosts) {
        this.cos = cos;
        this.mapper = mapper;
        this.prefix = config.prefix().strip();
        this.retention = config.retention();
        Optional<String> url = config.endpoint().map(String::strip).filter(u -> !u.isEmpty());
        CosEndpoint parsed = null;
        String why = null;
        if (url.isPresent()) {
            try {
                parsed = CosEndpoint.ofBaseUrl(URI.create(url.get()));
                why = problem(parsed, hosts);
            } catch (IllegalArgumentException e) {
                why = "vod.idempotency.endpoint is not an absolute http(s) URL";
            }
        }
        this.endpoint = why == null ? Optional.ofNullable(parsed) : Optional.empty();
        this.problem = why;
    }

    private static String problem(CosEndpoint endpoint, CosHostPolicy hosts) {
        if (!hosts.allows(endpoint.host())) {
            return "vod.idempotency.endpoint names host " + endpoint.host()
                    + ", which vod.cos.allowed-host-suffixes does not allow";
        }
        boolean loopback = endpoint.host().equals("localhost") || endpoint.host().equals("127.0.0.1");
        boolean https = "https".equals(endpoint.scheme());
        if (!https && !("http".equals(endpoint.scheme()) && loopback)) {
            return "vod.idempotency.endpoint must be an https URL (http only on a loopback host):"
                    + " signed requests carry the session token";
        }
        return null;
    }

    /**
     * The bucket, if a usable one is configured.
     *
     * @throws FunctionFailure 500 {@code InvalidIdempotencyStore} when one is configured but unusable
     */
    public Optional<CosEndpoint> endpoint() {
        if (problem != null) {
            throw FunctionFailure.misconfigured("InvalidIdempotencyStore", problem);
        }
        return endpoint;
    }

    public String prefix() {
        return prefix;
    }

    public Duration retention() {
        return retention;
    }

    /** The record of a key, if one exists and reads as a record; an unreadable one counts as absent. */
    public Optional<IdempotencyRecord> read(CosEndpoint bucket, IdempotencyRecordKey key,
            TencentCredentials credentials) {
        return cos.get(bucket, key.key(), credentials, MAX_BYTES).flatMap(bytes -> {
            try {
                return Optional.of(mapper.readValue(bytes, IdempotencyRecord.class));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    /** Writes (or replaces, for an expired one) the record of a key. */
    public void write(CosEndpoint bucket, IdempotencyRecordKey key, IdempotencyRecord record,
            TencentCredentials credentials) {
        try {
            cos.put(bucket, key.key(), mapper.writeValueAsBytes(record), JSON, false, credentials);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an idempotency record", e);
        }
    }
}
