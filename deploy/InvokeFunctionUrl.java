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
 * Calls a function URL whose authorization type is CAM, signing the request with TC3-HMAC-SHA256
 * for the service {@code scf}, as SCF's "Function URL authentication" documentation asks. The
 * caller's CAM user or role needs {@code scf:InvokeFunctionUrl} on the function.
 *
 * <pre>
 * TENCENTCLOUD_SECRET_ID=AKID... TENCENTCLOUD_SECRET_KEY=... \
 *   java deploy/InvokeFunctionUrl.java https://1250000000-abcd1234.ap-guangzhou.tencentscf.com/createElement samples/create-element.json
 * </pre>
 *
 * Temporary credentials: also TENCENTCLOUD_SESSION_TOKEN (sent as X-TC-Token). Signed: the
 * headers content-type and host, and the body. The canonical URI is the URL's path; CANONICAL_URI=/
 * signs "/" instead, as the generic API 3.0 signature does (which one SCF expects could not be
 * checked without an account: see docs/deploy.md). Prints the HTTP status and the body; exits 1
 * unless the status is 2xx. Java 17+, no dependencies.
 */
public class InvokeFunctionUrl {

    private static final String ALGORITHM = "TC3-HMAC-SHA256";
    private static final String SERVICE = "scf";
    private static final String CONTENT_TYPE = "application/json";

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java deploy/InvokeFunctionUrl.java <function URL>/<createElement|validateElement> <request.json>");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        String secretId = required("TENCENTCLOUD_SECRET_ID");
        String secretKey = required("TENCENTCLOUD_SECRET_KEY");
        String token = System.getenv("TENCENTCLOUD_SESSION_TOKEN");
        String canonicalUri = System.getenv().getOrDefault("CANONICAL_URI",
                url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath());
        String host = url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
        long timestamp = Instant.now().getEpochSecond();

        String canonicalRequest = "POST\n" + canonicalUri + "\n" + (url.getRawQuery() == null ? "" : url.getRawQuery())
                + "\ncontent-type:" + CONTENT_TYPE + "\nhost:" + host + "\n\ncontent-type;host\n" + sha256Hex(body);
        String date = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochSecond(timestamp));
        String scope = date + "/" + SERVICE + "/tc3_request";
        String stringToSign = ALGORITHM + "\n" + timestamp + "\n" + scope + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, SERVICE);
        key = hmac(key, "tc3_request");
        String signature = HexFormat.of().formatHex(hmac(key, stringToSign));

        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .header("Content-Type", CONTENT_TYPE)
                .header("X-TC-Timestamp", Long.toString(timestamp))
                .header("Authorization", ALGORITHM + " Credential=" + secretId + "/" + scope
                        + ", SignedHeaders=content-type;host, Signature=" + signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null && !token.isBlank()) {
            request.header("X-TC-Token", token);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        System.out.println("HTTP " + response.statusCode());
        System.out.println(response.body());
        System.exit(response.statusCode() / 100 == 2 ? 0 : 1);
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            System.err.println(name + " is not set");
            System.exit(2);
        }
        return value;
    }

    private static String sha256Hex(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
