package dev.vodelement.vod;

import java.util.Optional;

import dev.vodelement.credentials.TencentCredentials;

/**
 * What the signing filter needs besides the request itself. It travels as a non-body parameter
 * of {@link VodApi#call}, so credentials are per call and never shared between invocations.
 */
public record SigningContext(TencentCredentials credentials, Optional<String> region, String language) {
}
