package dev.vodelement.function;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vodelement.standin.ImageSamples;
import dev.vodelement.standin.ImageServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** {@code POST /validateElement} end to end: the real inspector, fetching from a real local server. */
@QuarkusTest
class ValidateElementTest {

    private static ImageServer server;

    @BeforeAll
    static void start() {
        server = ImageServer.start();
        server.serve("/small.jpg", ImageSamples.jpeg(200, 600));
        server.serve("/banner.png", ImageSamples.png(1000, 300));
        server.serve("/really.gif", gif());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void validImagesAnswerWithTheirFacts() {
        given().contentType(ContentType.JSON)
                .body(request(server.url(ImageServer.FRONT_JPEG), server.url(ImageServer.SIDE_PNG)))
                .when().post("/validateElement")
                .then().statusCode(200)
                .body("Valid", equalTo(true))
                .body("Images", hasSize(2))
                .body("Images[0].Field", equalTo("ElementFrontalImage"))
                .body("Images[0].Url", equalTo(server.url(ImageServer.FRONT_JPEG)))
                .body("Images[0].Format", equalTo("JPEG"))
                .body("Images[0].Width", equalTo(768))
                .body("Images[0].Height", equalTo(1024))
                .body("Images[0].Bytes", equalTo(ImageSamples.frontJpeg().length))
                .body("Images[1].Field", equalTo("ElementReferList[0].ImageUrl"))
                .body("Images[1].Format", equalTo("PNG"))
                .body("Images[1].Width", equalTo(1024))
                .body("Images[1].Height", equalTo(768))
                .body("Images[1].Bytes", equalTo(ImageSamples.sidePng().length));
    }

    @Test
    void brokenImagesAreAllListedInOne400() {
        given().contentType(ContentType.JSON)
                .body(request(server.url("/small.jpg"), server.url(ImageServer.SIDE_PNG), server.url("/banner.png"),
                        server.url("/really.gif")))
                .when().post("/validateElement")
                .then().statusCode(400)
                .body("Error.Code", equalTo("InvalidParameterValue.ElementFrontalImage"))
                .body("Errors.Code", contains("InvalidParameterValue.ElementFrontalImage",
                        "InvalidParameterValue.ElementFrontalImage", "InvalidParameterValue.ElementReferList",
                        "InvalidParameterValue.ElementReferList"))
                .body("Errors.Message", contains(
                        "ElementFrontalImage (" + server.url("/small.jpg") + "): width 200 px is below 300 px",
                        "ElementFrontalImage (" + server.url("/small.jpg")
                                + "): aspect ratio 3:1 (200 x 600 px) exceeds 2.5:1",
                        "ElementReferList[1].ImageUrl (" + server.url("/banner.png")
                                + "): aspect ratio 3.34:1 (1000 x 300 px) exceeds 2.5:1",
                        "ElementReferList[2].ImageUrl (" + server.url("/really.gif")
                                + "): format is GIF, not JPEG or PNG"));
    }

    private static Map<String, Object> request(String frontal, String... refers) {
        return Map.of("ElementName", "Lin", "ElementDescription", "A test element",
                "ElementFrontalImage", frontal,
                "ElementReferList", List.of(refers).stream().map(url -> Map.of("ImageUrl", url)).toList());
    }

    private static byte[] gif() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB), "gif", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
