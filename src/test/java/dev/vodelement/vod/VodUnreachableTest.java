package dev.vodelement.vod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.UnknownHostException;
import java.util.Map;

import jakarta.ws.rs.ProcessingException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.config.VodConfig;
import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.failure.FailureKind;
import dev.vodelement.failure.FunctionFailure;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** An unreachable VOD is named by its host, so that a wrong endpoint or DNS problem shows at once. */
class VodUnreachableTest {

    @Test
    void anUnknownHostIsNamedInTheAnswer() {
        FunctionFailure failure = callFailing("https://vod.intl.tencentcloudapi.com",
                new UnknownHostException("vod.intl.tencentcloudapi.com"));

        assertEquals(FailureKind.UNAVAILABLE, failure.kind());
        assertEquals("ServiceUnavailable", failure.code());
        assertEquals("VOD could not be reached at vod.intl.tencentcloudapi.com: unknown host (after 1 attempt)",
                failure.getMessage());
    }

    @Test
    void aPortIsNamedButNeverUserInfoOrPath() {
        FunctionFailure failure = callFailing("http://user:secret@127.0.0.1:9/dev/vod?x=1",
                new java.net.ConnectException("Connection refused"));

        assertEquals("VOD could not be reached at 127.0.0.1:9: connection failed (after 1 attempt)",
                failure.getMessage());
    }

    private static FunctionFailure callFailing(String endpoint, Exception cause) {
        VodApi api = mock(VodApi.class);
        when(api.call(any(), any(), any(), any())).thenThrow(new ProcessingException(cause));
        VodClient client = new VodClient(api, new ObjectMapper(), config(endpoint));
        return assertThrows(FunctionFailure.class,
                () -> client.call("CreateAigcCustomElement", Map.of(), new TencentCredentials("AKID", "key", null)));
    }

    private static VodConfig config(String endpoint) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("vod.endpoint", endpoint, "vod.retry.max-attempts", "1"),
                        "test", 500))
                .withConverter(java.time.Duration.class, 100, new DurationConverter()) // Quarkus' "5s" form
                .withMapping(VodConfig.class)
                .build()
                .getConfigMapping(VodConfig.class);
    }
}
