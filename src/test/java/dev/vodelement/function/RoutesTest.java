package dev.vodelement.function;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.vodelement.standin.VodStandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Whatever the route, the method or the size of the request line, the answer is the contract's JSON. */
@QuarkusTest
@WithTestResource(VodStandInResource.class)
class RoutesTest {

    @Test
    void anUnknownRouteIsA404InvalidActionInJson() {
        given().contentType("application/json").body("{}")
                .when().post("/nope")
                .then().statusCode(404)
                .contentType("application/json")
                .body("Error.Code", equalTo("InvalidAction"))
                .body("Error.Message", containsString("no function at /nope: use /createElement"));
        given().when().get("/")
                .then().statusCode(404)
                .contentType("application/json")
                .body("Error.Code", equalTo("InvalidAction"));
        given().when().get("/q/nothing/here")
                .then().statusCode(404)
                .contentType("application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/createElement/", "/validateElement/", "/event-invoke/" })
    void aTrailingSlashNamesTheSameFunction(String path) {
        given().contentType("application/json").body("{}")
                .when().post(path)
                .then().statusCode(400)
                .body("Error.Code", equalTo("MissingParameter.ElementName"))
                .body("Errors", hasSize(4));
        given().when().get(path)
                .then().statusCode(405)
                .body("Error.Code", equalTo("UnsupportedOperation"));
    }

    @Test
    void aTooLongUriIsA414InJson() {
        given().contentType("application/json").body("{}")
                .when().post("/createElement?q=" + "x".repeat(5_000))
                .then().statusCode(414)
                .contentType("application/json")
                .body("Error.Code", equalTo("RequestUriTooLong"))
                .body("Error.Message", containsString("at most 4096"));
    }

    @Test
    void tooLargeHeadersAreA431InJson() {
        given().contentType("application/json").header("X-Padding", "p".repeat(25_000)).body("{}")
                .when().post("/createElement")
                .then().statusCode(431)
                .contentType("application/json")
                .body("Error.Code", equalTo("RequestHeaderFieldsTooLarge"))
                .body("Error.Message", containsString("at most 20480"));
    }
}
