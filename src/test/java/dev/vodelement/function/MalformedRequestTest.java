package dev.vodelement.function;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.vodelement.standin.VodStandIn;
import dev.vodelement.standin.VodStandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Bodies that never get as far as an image check or a VOD call: always a 400 naming the problem. */
@QuarkusTest
@WithTestResource(VodStandInResource.class)
class MalformedRequestTest {

    @ParameterizedTest
    @ValueSource(strings = { "/createElement", "/validateElement" })
    void notJsonIsA400WithWhereItBreaks(String path) {
        given().contentType("application/json").body("{\"ElementName\": \"a\",")
                .when().post(path)
                .then().statusCode(400)
                .contentType("application/json")
                .body("Error.Code", equalTo("InvalidParameter"))
                .body("Error.Message", containsString("not valid JSON"))
                .body("Error.Message", containsString("line 1"))
                .body(not(containsString("Exception")))
                .body(not(containsString("at io.")));
    }

    @Test
    void emptyBodyReportsEveryMissingField() {
        given().contentType("application/json").body("{}")
                .when().post("/createElement")
                .then().statusCode(400)
                .body("Error.Code", equalTo("MissingParameter.ElementName"))
                .body("Errors", hasSize(4))
                .body("Errors[3].Code", equalTo("MissingParameter.ElementReferList"));
    }

    @Test
    void noBodyAtAllIsA400() {
        given().contentType("application/json")
                .when().post("/createElement")
                .then().statusCode(400)
                .body("Error.Code", containsString("Parameter"));
    }

    @Test
    void wrongShapeNamesTheField() {
        given().contentType("application/json")
                .body("{\"ElementName\":\"n\",\"ElementDescription\":\"d\",\"ElementFrontalImage\":\"https://h/a.png\","
                        + "\"ElementReferList\":{\"ImageUrl\":\"https://h/b.png\"}}")
                .when().post("/createElement")
                .then().statusCode(400)
                .body("Error.Code", equalTo("InvalidParameterValue.ElementReferList"))
                .body("Error.Message", containsString("must be an array"))
                .body("RequestId", nullValue());
    }

    @Test
    void topLevelArrayIsA400() {
        given().contentType("application/json").body("[1,2]")
                .when().post("/validateElement")
                .then().statusCode(400)
                .body("Error.Code", equalTo("InvalidParameter"));
    }

    @Test
    void tooLongNameIsRejectedBeforeAnyCall() {
        VodStandIn.shared().reset();
        given().contentType("application/json")
                .body("{\"ElementName\":\"" + "n".repeat(21) + "\",\"ElementDescription\":\"d\","
                        + "\"ElementFrontalImage\":\"ftp://h/a.png\",\"ElementReferList\":[{\"ImageUrl\":\"https://h/b.png\"}]}")
                .when().post("/createElement")
                .then().statusCode(400)
                .body("Error.Code", equalTo("InvalidParameterValue.ElementName"))
                .body("Errors[1].Code", equalTo("InvalidParameterValue.ElementFrontalImage"))
                .body("Errors[1].Message", containsString("ftp"));
        org.junit.jupiter.api.Assertions.assertEquals(0, VodStandIn.shared().calls().size());
    }

    @Test
    void getIsNotAllowed() {
        given().when().get("/createElement?ElementName=x")
                .then().statusCode(405)
                .header("Allow", "POST")
                .body("Error.Code", equalTo("UnsupportedOperation"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/createElement", "/validateElement", "/event-invoke" })
    void dataAfterTheJsonObjectIsRefused(String path) {
        VodStandIn.shared().reset();
        given().contentType("application/json")
                .body("{\"ElementName\":\"n\",\"ElementDescription\":\"d\",\"ElementFrontalImage\":\"https://h/a.png\","
                        + "\"ElementReferList\":[{\"ImageUrl\":\"https://h/b.png\"}]} xyz")
                .when().post(path)
                .then().statusCode(400)
                .body("Error.Code", equalTo("InvalidParameter"))
                .body("Error.Message", containsString("request body has data after its JSON value (line 1, column "));
        org.junit.jupiter.api.Assertions.assertEquals(0, VodStandIn.shared().calls().size());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/createElement", "/event-invoke" })
    void aDeeplyNestedBodyIsToldInPlainWords(String path) {
        given().contentType("application/json").body("{\"a\":" + "[".repeat(1001) + "]".repeat(1001) + "}")
                .when().post(path)
                .then().statusCode(400)
                .body("Error.Code", equalTo("InvalidParameter"))
                .body("Error.Message", equalTo("request body is refused: JSON nesting deeper than 1000 levels"))
                .body(not(containsString("StreamReadConstraints")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/createElement", "/validateElement", "/event-invoke" })
    void aBodyOfNullIsNotAnObject(String path) {
        given().contentType("application/json").body("null")
                .when().post(path)
                .then().statusCode(400)
                .body("Error.Code", equalTo("InvalidParameter"))
                .body("Error.Message", containsString("request body must be a JSON object"))
                .body("Errors", nullValue());
    }

    @Test
    void aLoneSurrogateIsRefusedNamingTheField() {
        VodStandIn.shared().reset();
        given().contentType("application/json")
                .body("{\"ElementName\":\"a\\ud800b\",\"ElementDescription\":\"d\","
                        + "\"ElementFrontalImage\":\"https://h/a.png\",\"ElementReferList\":[{\"ImageUrl\":\"https://h/b.png\"}]}")
                .when().post("/createElement")
                .then().statusCode(400)
                .body("Error.Code", equalTo("InvalidParameterValue.ElementName"))
                .body("Error.Message", containsString("lone surrogate (U+D800 at character 2)"));
        org.junit.jupiter.api.Assertions.assertEquals(0, VodStandIn.shared().calls().size());
    }

    @ParameterizedTest
    @ValueSource(strings = { "   ", "\\u200B", "a\\u0000b", "\\u001b[2J" })
    void invisibleOrControlNamesAreRefused(String name) {
        given().contentType("application/json")
                .body("{\"ElementName\":\"" + name + "\",\"ElementDescription\":\"d\","
                        + "\"ElementFrontalImage\":\"https://h/a.png\",\"ElementReferList\":[{\"ImageUrl\":\"https://h/b.png\"}]}")
                .when().post("/createElement")
                .then().statusCode(400)
                .body("Error.Code", equalTo("InvalidParameterValue.ElementName"))
                .body("Error.Message", org.hamcrest.Matchers.anyOf(containsString("visible character"),
                        containsString("control characters")));
    }
}
