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
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JVM floor of bench/cold-start.sh: the least a JVM can do to create an element, namely one
 * TC3-HMAC-SHA256 signed CreateAigcCustomElement call with java.net.http, and nothing else (no
 * framework, no validation, no image checks). Shares no code with the application; compiled by
 * the script with javac. Prints the ElementId and, last, its own peak RSS as "VmHWM_kB=<n>".
 */
public class FloorCreateElement {

    public static void main(String[] args) throws Exception {
        String endpoint = System.getenv("VOD_ENDPOINT");
        String secretId = System.getenv("VOD_SECRET_ID");
        String secretKey = System.getenv("VOD_SECRET_KEY");
        byte[] body = Files.readAllBytes(Path.of(System.getenv("BENCH_REQUEST_FILE")));

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
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("\"ElementId\"")) {
            System.err.println("VOD answered " + response.statusCode() + ": " + response.body());
            System.exit(1);
        }
        System.out.println(response.body());
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
