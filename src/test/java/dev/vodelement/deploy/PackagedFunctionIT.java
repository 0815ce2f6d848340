package dev.vodelement.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.vodelement.standin.VodStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged application, as deployed: the jar of ./mvnw verify, or the native executable of
 * ./mvnw verify -Dnative, where reflection registration and build-time initialisation are really
 * exercised. These calls are also the training run of the JDK 25 AOT cache
 * (quarkus.package.jar.aot.enabled), so they walk the path a cold start takes.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedFunctionResource.class)
class PackagedFunctionIT {

    @Test
    void createsAnElementWithASignedVodCall() throws Exception {
        long before = VodStandIn.shared().createdCount();

        given().contentType("application/json").body(sampleRequest())
                .when().post("/createElement")
                .then().statusCode(200)
                .body("ElementId", matchesPattern("\\d+"))
                .body("RequestId", matchesPattern(".+"));

        assertTrue(VodStandIn.shared().createdCount() > before, "VOD stand-in saw a validly signed create");
        assertTrue(VodStandIn.shared().calls().stream().allMatch(VodStandIn.Call::signatureValid));
    }

    @Test
    void validatesWithoutCallingVod() throws Exception {
        long before = VodStandIn.shared().calls().size();

        given().contentType("application/json").body(sampleRequest())
                .when().post("/validateElement")
                .then().statusCode(200)
                .body("Valid", equalTo(true))
                .body("Images.Format", equalTo(java.util.List.of("JPEG", "PNG")))
                .body("Images[0].Width", equalTo(768))
                .body("Images[1].Height", equalTo(768));

        assertTrue(VodStandIn.shared().calls().size() == before, "validateElement never calls VOD");
    }

    @Test
    void aBrokenRequestGetsTheContractsErrorBodyWithoutAStackTrace() {
        given().contentType("application/json").body("{\"ElementName\": 7}")
                .when().post("/createElement")
                .then().statusCode(400)
                .body("Error.Code", equalTo("InvalidParameterValue.ElementName"))
                .body(not(containsString("Exception")));
    }

    @Test
    void aFunctionUrlEventIsRoutedByPathAndAnsweredInTheFunctionUrlsStructure() throws Exception {
        long before = VodStandIn.shared().createdCount();
        String event = Files.readString(Path.of("samples/events/function-url.json"))
                .replace("http://localhost:8080/dev/images/", PackagedFunctionResource.images.url("/"));

        String answer = given().contentType("application/json").body(event)
                .when().post("/event-invoke")
                .then().statusCode(200)
                .body("statusCode", equalTo(200))
                .body("isBase64Encoded", equalTo(false))
                .body("headers.Content-Type", equalTo("application/json"))
                .extract().path("body");
        assertTrue(answer.contains("\"ElementId\":\"") && answer.contains("\"RequestId\":\""), answer);
        assertTrue(VodStandIn.shared().createdCount() > before, "the function URL event created the element");

        given().contentType("application/json").body(event.replace("\"/createElement\"", "\"/deleteElement\""))
                .when().post("/event-invoke")
                .then().statusCode(200)
                .body("statusCode", equalTo(404))
                .body("body", containsString("InvalidAction"));
    }

    @Test
    void aProductionStartWithoutCallerCheckWarnsThatTheFunctionsAreOpen() throws Exception {
        // The packaged application's log (QuarkusIntegrationTest writes it there, JVM and native alike).
        String log = Files.readString(Path.of("target/quarkus.log"));
        assertTrue(log.contains("answer unauthenticated callers") && log.contains("vod.caller-check.tokens"),
                "no start-up warning in target/quarkus.log");
    }

    @Test
    void theDevModeSimulatorIsNeitherServedNorPackaged() throws Exception {
        given().contentType("application/json").body("{}").when().post("/dev/vod").then().statusCode(404);
        given().when().get("/dev/images/front.jpg").then().statusCode(404);
        given().when().get("/dev/cos/elements/cat.element.json").then().statusCode(404);
        given().body("{}").when().put("/dev/cos/elements/cat.element.lock").then().statusCode(404);
        Path app = Path.of("target/quarkus-app/app");
        if (!Files.isDirectory(app)) {
            return; // a native build: nothing unreachable is compiled in
        }
        try (var jars = Files.newDirectoryStream(app, "*.jar")) {
            for (Path jar : jars) {
                try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
                    assertTrue(zip.stream().noneMatch(e -> e.getName().startsWith("dev/vodelement/dev/")
                            && e.getName().endsWith(".class")), jar + " holds the dev-mode simulator");
                }
            }
        }
    }

    private static String sampleRequest() throws Exception {
        return Files.readString(Path.of("samples/create-element.json"))
                .replace("http://localhost:8080/dev/images/", PackagedFunctionResource.images.url("/"));
    }
}
