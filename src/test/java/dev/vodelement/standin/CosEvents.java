package dev.vodelement.standin;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * COS upload events and bucket contents for tests, built from the repository's samples
 * ({@code samples/events/cos-upload.json}, {@code samples/manifests/cat.element.json},
 * {@code samples/images/*}) so that tests exercise exactly what the documentation shows.
 */
public final class CosEvents {

    public static final String APPID = "1250000000";
    public static final String BUCKET = "examplebucket";
    public static final String CAT_MANIFEST = "elements/cat.element.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CosEvents() {
    }

    public static JsonNode sample(String path) {
        try {
            return MAPPER.readTree(Files.readAllBytes(Path.of("samples", path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sampleText(String path) {
        try {
            return Files.readString(Path.of("samples", path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample COS event with one record per key, each pointing at the stand-in's bucket. */
    public static String upload(CosStandIn cos, String... keys) {
        return upload(key -> cos.objectUrl(key), keys);
    }

    /** The sample COS event with one record per key, the object URL of each given by {@code url}. */
    public static String upload(java.util.function.UnaryOperator<String> url, String... keys) {
        ObjectNode event = (ObjectNode) sample("events/cos-upload.json");
        JsonNode template = event.path("Records").get(0);
        ArrayNode records = event.putArray("Records");
        for (String key : keys) {
            ObjectNode record = template.deepCopy();
            ObjectNode object = (ObjectNode) record.path("cos").path("cosObject");
            object.put("key", "/" + APPID + "/" + BUCKET + "/" + key);
            object.put("url", url.apply(key));
            records.add(record);
        }
        return event.toString();
    }

    /** The sample request's two images, in a public folder of a bucket that needs no signature. */
    public static void putPublicCatImages(CosStandIn cos) {
        cos.privateBucket(false);
        cos.putObject("public/cat-front.jpg", sampleBytes("images/front.jpg"), "image/jpeg");
        cos.putObject("public/cat-side.png", sampleBytes("images/side.png"), "image/png");
    }

    /** samples/events/direct-invocation.json, its image URLs moved to {@link #putPublicCatImages}. */
    public static ObjectNode directRequestOnPublicImages(CosStandIn cos) {
        ObjectNode request = (ObjectNode) sample("events/direct-invocation.json");
        request.put("ElementFrontalImage", cos.objectUrl("public/cat-front.jpg"));
        ((ObjectNode) request.path("ElementReferList").get(0)).put("ImageUrl", cos.objectUrl("public/cat-side.png"));
        return request;
    }

    /** The cat of the samples, ready in the bucket: its manifest and its three images. */
    public static void putCat(CosStandIn cos) {
        cos.putObject(CAT_MANIFEST, sampleText("manifests/cat.element.json").getBytes(), "application/json");
        cos.putObject("elements/images/cat-front.jpg", sampleBytes("images/front.jpg"), "image/jpeg");
        cos.putObject("elements/images/cat-side.png", sampleBytes("images/side.png"), "image/png");
        cos.putObject("shared/cat-back.jpg", jpeg(600, 800), "image/jpeg");
    }

    public static byte[] sampleBytes(String path) {
        try {
            return Files.readAllBytes(Path.of("samples", path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real JPEG of the given size (test code may use ImageIO; main code may not). */
    public static byte[] jpeg(int width, int height) {
        return encode(width, height, "jpg");
    }

    public static byte[] png(int width, int height) {
        return encode(width, height, "png");
    }

    private static byte[] encode(int width, int height, String format) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(120, 120, 130));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(200, 170, 90));
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
