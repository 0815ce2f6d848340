import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The floor of bench/cold-start.sh: the least a program can do to create an element the way the
 * function does, namely read the first 12 KiB of each image of the request at once (ranged GETs),
 * then one TC3-HMAC-SHA256 signed CreateAigcCustomElement call, all with java.net.http, and nothing
 * else (no framework, no parsing of the images, no rules). Shares no code with the application;
 * compiled by the script with javac (the JVM floor) and with the project's native-image (the native
 * floor). Prints the ElementId, the CPU time of its threads as "CpuNs=<n>" and, last, its own peak
 * RSS as "VmHWM_kB=<n>".
 */
public class FloorCreateElement {

    private static final Pattern IMAGE_URL = Pattern.compile("\"(?:ElementFrontalImage|ImageUrl)\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String endpoint = System.getenv("VOD_ENDPOINT");
        String secretId = System.getenv("VOD_SECRET_ID");
        String secretKey = System.getenv("VOD_SECRET_KEY");
        byte[] body = Files.readAllBytes(Path.of(System.getenv("BENCH_REQUEST_FILE")));
        HttpClient client = HttpClient.newHttpClient();

        List<CompletableFuture<HttpResponse<byte[]>>> images = new ArrayList<>();
        Matcher urls = IMAGE_URL.matcher(new String(body, StandardCharsets.UTF_8));
        while (urls.find()) {
            images.add(client.sendAsync(HttpRequest.newBuilder(URI.create(urls.group(1)))
                    .header("Range", "bytes=0-12287").GET().build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (CompletableFuture<HttpResponse<byte[]>> image : images) {
            HttpResponse<byte[]> answer = image.join();
            if (answer.statusCode() != 206 && answer.statusCode() != 200 || answer.body().length < 24) {
                System.err.println("image " + answer.uri() + " answered " + answer.statusCode());
                System.exit(1);
            }
        }
        if (images.isEmpty()) {
            System.err.println("no image URL in the request");
            System.exit(1);
        }

        URI uri = URI.create(endpoint + "/");
        String host = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        long timestamp = Instant.now().getEpochSecond();
        String date = DateTimeFormatter.ISO_LOCAL_DATE.format(Instant.ofEpochSecond(timestamp).atZone(ZoneOffset.UTC));
        String contentType = "application/json";

        String canonicalRequest = "POST\n/\n\ncontent-type:" + contentType + "\nhost:" + host + "\n\ncontent-type;host\n"
                + hex(sha256(body));
        String scope = date + "/vod/tc3_request";
        String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, "vod");
        key = hmac(key, "tc3_request");
        String signature = hex(hmac(key, stringToSign));

        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", contentType)
                .header("X-TC-Action", "CreateAigcCustomElement")
                .header("X-TC-Version", "2018-07-17")
                .header("X-TC-Timestamp", Long.toString(timestamp))
                .header("Authorization", "TC3-HMAC-SHA256 Credential=" + secretId + "/" + scope
                        + ", SignedHeaders=content-type;host, Signature=" + signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("\"ElementId\"")) {
            System.err.println("VOD answered " + response.statusCode() + ": " + response.body());
            System.exit(1);
        }
        System.out.println(response.body());
        long cpuNanos = 0; // all threads' CPU time so far, as the bench reads it for the function
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                cpuNanos += Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split("\\s+")[0]);
            }
        }
        System.out.println("CpuNs=" + cpuNanos);
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                System.out.println("VmHWM_kB=" + line.substring(6).replace("kB", "").trim());
            }
        }
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
