package dev.vodelement.cos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** q-sign against the request-signature example of COS's documentation (verified in the reference). */
class CosSignerTest {

    private static final String SECRET_ID = "AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q";
    private static final String SECRET_KEY = "BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz";
    private static final Map<String, String> PARAMS = Map.of(
            "response-content-type", "application/octet-stream",
            "response-cache-control", "max-age=600");
    private static final Map<String, String> HEADERS = Map.of(
            "Date", "Thu, 16 May 2019 06:55:53 GMT",
            "Host", "examplebucket-1250000000.cos.ap-beijing.myqcloud.com");

    private final CosSigner signer = new CosSigner();

    @Test
    void signKeyOfTheDocumentedKeyTime() {
        assertEquals("937914bf490e9e8c189836aad2052e4feeb35eaf",
                CosSigner.signKey(SECRET_KEY, "1557989753;1557996953"));
    }

    @Test
    void httpStringHashOfTheDocumentedRequest() {
        String httpString = "get\n/exampleobject(腾讯云)\n"
                + "response-cache-control=max-age%3D600&response-content-type=application%2Foctet-stream\n"
                + "date=Thu%2C%2016%20May%202019%2006%3A55%3A53%20GMT&host=examplebucket-1250000000.cos.ap-beijing.myqcloud.com\n";
        assertEquals("54ecfe22f59d3514fdc764b87a32d8133ea611e6", CosSigner.sha1Hex(httpString));
    }

    @Test
    void signatureOfTheDocumentedRequest() {
        CosSigner.Signature signature = signer.sign(SECRET_ID, SECRET_KEY, "GET", "/exampleobject(腾讯云)", PARAMS,
                HEADERS, 1557989753L, 1557996953L);

        assertEquals("01681b8c9d798a678e43b685a9f1bba0f6c0e012", signature.signature());
        assertEquals("date;host", signature.headerList());
        assertEquals("response-cache-control;response-content-type", signature.urlParamList());
        assertEquals("q-sign-algorithm=sha1&q-ak=" + SECRET_ID + "&q-sign-time=1557989753;1557996953"
                + "&q-key-time=1557989753;1557996953&q-header-list=date;host"
                + "&q-url-param-list=response-cache-control;response-content-type"
                + "&q-signature=01681b8c9d798a678e43b685a9f1bba0f6c0e012", signature.query());
    }

    @Test
    void headerNamesAreCaseInsensitiveAndOrderFree() {
        Map<String, String> reordered = new LinkedHashMap<>();
        reordered.put("HOST", "examplebucket-1250000000.cos.ap-beijing.myqcloud.com");
        reordered.put("date", "Thu, 16 May 2019 06:55:53 GMT");
        assertEquals("01681b8c9d798a678e43b685a9f1bba0f6c0e012", signer.sign(SECRET_ID, SECRET_KEY, "get",
                "/exampleobject(腾讯云)", PARAMS, reordered, 1557989753L, 1557996953L).signature());
    }

    @Test
    void everySignedPartChangesTheSignature() {
        String reference = signer.sign(SECRET_ID, SECRET_KEY, "GET", "/exampleobject(腾讯云)", PARAMS, HEADERS,
                1557989753L, 1557996953L).signature();
        assertNotEquals(reference, signer.sign(SECRET_ID, SECRET_KEY, "PUT", "/exampleobject(腾讯云)", PARAMS,
                HEADERS, 1557989753L, 1557996953L).signature());
        assertNotEquals(reference, signer.sign(SECRET_ID, SECRET_KEY, "GET", "/exampleobject", PARAMS, HEADERS,
                1557989753L, 1557996953L).signature());
        assertNotEquals(reference, signer.sign(SECRET_ID, SECRET_KEY, "GET", "/exampleobject(腾讯云)", Map.of(),
                HEADERS, 1557989753L, 1557996953L).signature());
        assertNotEquals(reference, signer.sign(SECRET_ID, SECRET_KEY, "GET", "/exampleobject(腾讯云)", PARAMS,
                HEADERS, 1557989753L, 1557996954L).signature());
        assertNotEquals(reference, signer.sign(SECRET_ID, SECRET_KEY + "x", "GET", "/exampleobject(腾讯云)", PARAMS,
                HEADERS, 1557989753L, 1557996953L).signature());
    }

    @Test
    void encodingKeepsOnlyUnreservedCharacters() {
        assertEquals("a-b_c.d~e%20f%2Fg%3Dh%26%E8%85%BE%2B", CosSigner.encode("a-b_c.d~e f/g=h&腾+"));
    }

    @Test
    void toStringShowsNoSignature() {
        CosSigner.Signature signature = signer.sign(SECRET_ID, SECRET_KEY, "GET", "/x", Map.of(), HEADERS, 1L, 2L);
        assertEquals(-1, signature.toString().indexOf(signature.signature()));
    }
}
