package dev.vodelement.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import dev.vodelement.config.InvocationConfig;
import dev.vodelement.config.VodConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.WithDefault;

/** serverless.yml against the contract ("Deployment files") and against what the build produces. */
class ServerlessYmlTest {

    /** CreateAigcCustomElement's request limit per second (CreateAigcCustomElement.md). */
    private static final int VOD_REQUESTS_PER_SECOND = 20;

    private static Map<String, Object> root;
    private static Map<String, Object> inputs;

    @BeforeAll
    static void parse() throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of("serverless.yml"))) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
        inputs = map(root, "inputs");
    }

    @Test
    void isACustomRuntimeEventFunctionOfTheScfComponent() {
        assertEquals("scf", root.get("component"));
        assertEquals("CustomRuntime", inputs.get("runtime"));
        assertEquals("event", inputs.get("type"));
        assertNotNull(inputs.get("handler"), "the scf component requires a handler even for a Custom Runtime");
    }

    @Test
    void deploysThePackageTheNativeBuildAssembles() throws Exception {
        String src = (String) inputs.get("src");
        PackageDescriptor nativePackage = PackageDescriptor.ofExecution("function-native");

        assertEquals("./target/" + nativePackage.fileName(), src);
        assertEquals("function.zip", nativePackage.fileName());
        assertTrue(nativePackage.hasExecutableAtRoot("bootstrap"), "bootstrap must be executable at the package root");
        assertTrue(nativePackage.hasExecutableAtRoot("application"), "the native executable must stay executable");
    }

    @Test
    void cosTriggerFiresOnUploadedManifestsOnly() {
        List<Map<String, Object>> cos = events("cos");
        assertEquals(1, cos.size(), "one COS trigger");
        Map<String, Object> parameters = map(cos.get(0), "parameters");
        assertEquals("cos:ObjectCreated:*", parameters.get("events"));
        assertEquals(".element.json", map(parameters, "filter").get("suffix"));
        assertEquals(Boolean.TRUE, parameters.get("enable"));
        assertNotNull(parameters.get("bucket"));
    }

    @Test
    void hasNoApiGatewayTrigger() {
        assertEquals(List.of(), events("apigw"), "API Gateway triggers are being withdrawn with the API Gateway product");
    }

    @Test
    void theHttpEntryIsAFunctionUrlAuthenticatedByCam() {
        List<Map<String, Object>> http = events("http");
        assertEquals(1, http.size(), "one function URL");
        Map<String, Object> parameters = map(http.get(0), "parameters");
        assertEquals("CAM", parameters.get("authType"), "a public URL (NONE) is an explicit opt-in, not the default");
        assertEquals(Boolean.TRUE, map(parameters, "netConfig").get("enableExtranet"));
    }

    @Test
    void theFunctionTrustsThePlatformOnlyWhileThePlatformAuthenticates() {
        Map<String, Object> variables = map(map(inputs, "environment"), "variables");
        String authType = (String) map(events("http").get(0), "parameters").get("authType");

        assertEquals("true", variables.get("VOD_CALLER_CHECK_AUTHENTICATED_UPSTREAM"),
                "on SCF every call is authenticated before it arrives: no start-up warning");
        assertEquals("CAM", authType, "authenticated-upstream is only true while the function URL checks CAM");
    }

    @Test
    void idempotencyKeysAreStoredInTheManifestsBucketUnderThisFunctionsPrefix() {
        Map<String, Object> variables = map(map(inputs, "environment"), "variables");
        Object bucket = map(events("cos").get(0), "parameters").get("bucket");

        assertEquals("https://" + bucket, variables.get("VOD_IDEMPOTENCY_ENDPOINT"),
                "the bucket the execution role may already use, over https");
        String prefix = (String) variables.get("VOD_IDEMPOTENCY_PREFIX");
        assertTrue(prefix.endsWith("/") && prefix.contains((String) inputs.get("name")),
                "a prefix of this function's own: " + prefix);
    }

    @Test
    void concurrencyCapKeepsCreationsWithinVodsTwentyRequestsPerSecond() throws Exception {
        int cap = (Integer) map(root, "scfSettings").get("reservedConcurrency");
        // each instance spaces its own VOD calls (VodClient's CallPacer), whatever an invocation lasts
        Duration interval = new DurationConverter().convert(VodConfig.class.getMethod("minCallInterval")
                .getAnnotation(WithDefault.class).value());

        assertTrue(cap >= 1, "at least one instance");
        assertTrue(cap * 1000.0 / interval.toMillis() <= VOD_REQUESTS_PER_SECOND, cap + " instances, each calling VOD"
                + " at most once per " + interval.toMillis() + " ms, exceed " + VOD_REQUESTS_PER_SECOND + " requests/s");
        assertFalse(((Map<?, ?>) map(inputs, "environment").get("variables")).containsKey("VOD_MIN_CALL_INTERVAL"),
                "the pacing the cap rests on is not overridden in the deployment");
    }

    @Test
    void failedUploadsAreRetriedForHoursAndThenDeadLettered() {
        Map<String, Object> retry = map(map(root, "scfSettings"), "asyncRetry");
        int retries = (Integer) retry.get("retryNum");
        int messageTtl = (Integer) retry.get("msgTTL");
        int timeout = (Integer) inputs.get("timeout");

        assertTrue(retries >= 1, "a transient VOD or COS failure is retried");
        assertTrue(messageTtl >= 3600 && messageTtl > (retries + 1) * timeout,
                "the event outlives its retries and an outage of an hour: msgTTL " + messageTtl);
        Map<String, Object> deadLetter = map(inputs, "deadLetter");
        assertEquals("QUEUE", deadLetter.get("type"));
        assertTrue(String.valueOf(deadLetter.get("name")).matches("\\$\\{env:[A-Z_]+}"),
                "the dead letter queue is the account's own, named in the environment: " + deadLetter.get("name"));
    }

    @Test
    void theSettingsScriptAppliesWhatServerlessYmlSays() throws Exception {
        Map<String, Object> settings = map(root, "scfSettings");
        Map<String, Object> retry = map(settings, "asyncRetry");
        int reservedMemory = (Integer) settings.get("reservedConcurrency") * (Integer) inputs.get("memorySize");

        ProcessBuilder builder = new ProcessBuilder("sh", "deploy/apply-scf-settings.sh").redirectErrorStream(true);
        builder.environment().put("SCF_REGION", "ap-guangzhou");
        builder.environment().put("DRY_RUN", "1");
        Process dryRun = builder.start();
        String output = new String(dryRun.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, dryRun.waitFor(), output);
        String function = (String) inputs.get("name");
        assertTrue(output.contains("tccli scf PutReservedConcurrencyConfig --region ap-guangzhou --FunctionName "
                + function + " --ReservedConcurrencyMem " + reservedMemory), output);
        assertTrue(output.contains("tccli scf UpdateFunctionEventInvokeConfig --region ap-guangzhou --FunctionName "
                + function + " --AsyncTriggerConfig {\"RetryConfig\":[{\"RetryNum\":" + retry.get("retryNum")
                + "}],\"MsgTTL\":" + retry.get("msgTTL") + "}"), output);
    }

    @Test
    void timeoutHoldsTheVodRetryBudgetAndInitTimeoutFitsIn() throws Exception {
        int timeout = (Integer) inputs.get("timeout");
        int initTimeout = (Integer) inputs.get("initTimeout");
        Duration budget = Duration.parse("PT" + VodConfig.Retry.class.getMethod("budget")
                .getAnnotation(WithDefault.class).value().toUpperCase());

        assertTrue(timeout > budget.toSeconds(), "timeout " + timeout + " s must exceed the VOD retry budget " + budget);
        assertTrue(timeout <= 900, "SCF event functions time out at 900 s at most");
        assertTrue(initTimeout > 0 && initTimeout <= timeout, "initTimeout " + initTimeout);
    }

    @Test
    void theInvocationTimeoutTheFunctionAssumesIsTheDeployedOne() throws Exception {
        int timeout = (Integer) inputs.get("timeout");
        Duration assumed = new DurationConverter().convert(InvocationConfig.class.getMethod("timeout")
                .getAnnotation(WithDefault.class).value());
        Duration reserve = new DurationConverter().convert(InvocationConfig.class.getMethod("recordReserve")
                .getAnnotation(WithDefault.class).value());

        // steps plan with this time, and manifest locks expire this long after they were taken:
        // shorter than the real timeout, a live invocation could be overtaken; longer, steps plan
        // with time SCF does not give and a dead invocation blocks SCF's retries needlessly
        assertEquals(Duration.ofSeconds(timeout), assumed, "vod.invocation.timeout's default must be serverless.yml's"
                + " timeout");
        assertFalse(((Map<?, ?>) map(inputs, "environment").get("variables")).containsKey("VOD_INVOCATION_TIMEOUT"),
                "the default is what serverless.yml deploys");
        assertTrue(reserve.compareTo(assumed) < 0, "the recording reserve " + reserve + " leaves time for work");
    }

    @Test
    void theHeapCeilingLeavesTheRestOfTheProcessRoomBelowTheMemoryLimit() throws Exception {
        int memory = (Integer) inputs.get("memorySize");
        Map<?, ?> variables = (Map<?, ?>) map(inputs, "environment").get("variables");
        String bootstrapDefault = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/package/native/bootstrap"))
                .replaceAll("(?s).*FUNCTION_MAX_HEAP:-(\\d+)m.*", "$1");
        int heap = Integer.parseInt(String.valueOf(variables.containsKey("FUNCTION_MAX_HEAP")
                ? variables.get("FUNCTION_MAX_HEAP") : bootstrapDefault + "m").replace("m", ""));

        // measured: 50 MB at the peak of 200 four-image events over https, the executable, its
        // threads and TLS included (docs/deploy.md); a heap allowed to grow to the limit would let
        // the instance be killed before the collector runs
        assertTrue(heap <= memory / 2, "a heap ceiling of " + heap + " MB in a " + memory + " MB function");
    }

    @Test
    void memorySizeIsOneScfOffers() {
        int memory = (Integer) inputs.get("memorySize");
        assertTrue(memory >= 64 && memory <= 3072 && (memory == 64 || memory % 128 == 0),
                "SCF memory sizes are 64 MB or multiples of 128 MB up to 3072, found " + memory);
    }

    @Test
    void takesCredentialsFromTheExecutionRoleAndHoldsNoSecrets() {
        assertNotNull(inputs.get("role"), "the execution role gives the function its temporary credentials");
        Map<String, Object> variables = map(map(inputs, "environment"), "variables");
        for (String forbidden : List.of("VOD_SECRET_ID", "VOD_SECRET_KEY", "VOD_SESSION_TOKEN",
                "TENCENTCLOUD_SECRETID", "TENCENTCLOUD_SECRETKEY", "TENCENTCLOUD_SESSIONTOKEN")) {
            assertFalse(variables.containsKey(forbidden), forbidden + " must come from the role, not the file");
        }
        List<String> findings = new ArrayList<>();
        SecretLook.scan("", root, findings);
        assertEquals(List.of(), findings);
    }

    @Test
    void secretScanCatchesWhatItIsMeantTo() {
        List<String> findings = new ArrayList<>();
        SecretLook.scan("", Map.of("inputs", Map.of("environment", Map.of("variables", Map.of(
                "VOD_SECRET_KEY", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
                "SOME_ID", "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
                "HARMLESS", "${env:SCF_ROLE}")))), findings);
        assertEquals(2, findings.size(), findings::toString);
    }

    private static List<Map<String, Object>> events(String kind) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Map<String, Object> event : list(inputs, "events")) {
            if (event.containsKey(kind)) {
                found.add(map(event, kind));
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertTrue(value instanceof Map, key + " must be a mapping, found " + value);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertTrue(value instanceof List, key + " must be a list, found " + value);
        return (List<Map<String, Object>>) value;
    }

    /** What a committed secret looks like: a secret-named key with a literal value, or a Tencent SecretId. */
    static final class SecretLook {
        private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|token|password|passwd|credential).*");
        private static final Pattern SECRET_ID = Pattern.compile("AKID[0-9A-Za-z]{12,}");
        private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]+}");

        static void scan(String path, Object node, List<String> findings) {
            if (node instanceof Map<?, ?> map) {
                map.forEach((k, v) -> {
                    String key = String.valueOf(k);
                    String at = path.isEmpty() ? key : path + "." + key;
                    if (v instanceof String s && SECRET_NAME.matcher(key).matches() && !s.isBlank()
                            && !PLACEHOLDER.matcher(s).matches()) {
                        findings.add(at + " holds a literal secret-looking value");
                    }
                    scan(at, v, findings);
                });
            } else if (node instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    scan(path + "[" + i + "]", list.get(i), findings);
                }
            } else if (node instanceof String s && SECRET_ID.matcher(s).find()) {
                findings.add(path + " holds a SecretId");
            }
        }
    }
}
