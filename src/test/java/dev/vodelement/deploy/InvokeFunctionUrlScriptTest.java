package dev.vodelement.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import dev.vodelement.credentials.TencentCredentials;
import dev.vodelement.vod.Tc3Signer;

/**
 * deploy/InvokeFunctionUrl.java, the documented way to call the CAM-authenticated function URL, run
 * as a user runs it ({@code java deploy/InvokeFunctionUrl.java <url> <file>}) against a loopback
 * server: it signs TC3-HMAC-SHA256 for the service scf exactly as the application's own, tested,
 * signer does, and sends the session token when there is one.
 */
class InvokeFunctionUrlScriptTest {

    private static final String SECRET_ID = "AKIDcallerOfTheFunctionUrl0000";
    private static final String SECRET_KEY = "callerSecretKeyForTheTestOnly000";

    private HttpServer server;
    private final AtomicReference<Headers> headers = new AtomicReference<>();
    private final AtomicReference<byte[]> body = new AtomicReference<>();
    private final AtomicReference<String> path = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            headers.set(exchange.getRequestHeaders());
            body.set(exchange.getRequestBody().readAllBytes());
            path.set(exchange.getRequestURI().getPath());
            byte[] answer = "{\"ElementId\":\"1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void signsTheRequestForScfWithTc3() throws Exception {
        String host = "127.0.0.1:" + server.getAddress().getPort();
        Process run = run("http://" + host + "/createElement", Map.of("CANONICAL_URI", "/",
                "TENCENTCLOUD_SESSION_TOKEN", "session-token-of-a-role"));
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, run.waitFor(), output);
        assertTrue(output.contains("HTTP 200") && output.contains("ElementId"), output);
        assertEquals("/createElement", path.get());
        assertEquals(Files.readString(Path.of("samples/create-element.json")), new String(body.get(), StandardCharsets.UTF_8));
        long timestamp = Long.parseLong(headers.get().getFirst("X-TC-Timestamp"));
        String expected = new Tc3Signer().sign(new TencentCredentials(SECRET_ID, SECRET_KEY, null), "scf", timestamp,
                Map.of("content-type", "application/json", "host", host), body.get()).authorization();
        assertEquals(expected, headers.get().getFirst("Authorization"));
        assertEquals("session-token-of-a-role", headers.get().getFirst("X-TC-Token"));
    }

    @Test
    void signsTheUrlsPathByDefault() throws Exception {
        String host = "127.0.0.1:" + server.getAddress().getPort();
        Process run = run("http://" + host + "/validateElement", Map.of());
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, run.waitFor(), output);
        String authorization = headers.get().getFirst("Authorization");
        assertTrue(authorization.contains("Credential=" + SECRET_ID + "/") && authorization.contains("/scf/tc3_request"),
                authorization);
        long timestamp = Long.parseLong(headers.get().getFirst("X-TC-Timestamp"));
        String rootSigned = new Tc3Signer().sign(new TencentCredentials(SECRET_ID, SECRET_KEY, null), "scf", timestamp,
                Map.of("content-type", "application/json", "host", host), body.get()).authorization();
        assertTrue(!rootSigned.equals(authorization), "the path /validateElement is part of what is signed");
        assertEquals(null, headers.get().getFirst("X-TC-Token"));
    }

    private static Process run(String url, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "deploy/InvokeFunctionUrl.java", url, "samples/create-element.json").redirectErrorStream(true);
        builder.environment().remove("TENCENTCLOUD_SESSION_TOKEN");
        builder.environment().put("TENCENTCLOUD_SECRET_ID", SECRET_ID);
        builder.environment().put("TENCENTCLOUD_SECRET_KEY", SECRET_KEY);
        builder.environment().putAll(env);
        return builder.start();
    }
}
