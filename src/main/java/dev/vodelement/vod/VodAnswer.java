package dev.vodelement.vod;

import com.fasterxml.jackson.databind.JsonNode;

/** A successful VOD answer: the {@code Response} object, its RequestId, and how many calls it took. */
public record VodAnswer(JsonNode response, String requestId, int attempts) {
}
