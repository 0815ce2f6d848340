package dev.vodelement.scf;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An API Gateway integration response: the HTTP answer the gateway gives its caller. */
@RegisterForReflection
public record IntegrationResponse(
        @JsonProperty("isBase64Encoded") boolean base64Encoded,
        @JsonProperty("statusCode") int statusCode,
        @JsonProperty("headers") Map<String, String> headers,
        @JsonProperty("body") String body) {

    public IntegrationResponse {
        headers = Map.copyOf(headers);
    }
}
