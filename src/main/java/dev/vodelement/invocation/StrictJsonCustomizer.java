package dev.vodelement.invocation;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * One JSON value per body: Funqy reads request bodies with (a copy of) the application's mapper,
 * which by default binds {@code {...} xyz} as its first value and ignores the rest. With trailing
 * tokens refused, Funqy answers 400 and {@link dev.vodelement.function.ContractErrorHandler}
 * explains, through {@link JsonInput}, where the extra data starts.
 */
@Singleton
public class StrictJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
