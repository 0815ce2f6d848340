package dev.vodelement.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogValueTest {

    @Test
    void lineBreaksEscapesAndBidiControlsAreWrittenAsEscapes() {
        assertEquals("a\\u000D\\u000Ab\\u001B[31mc\\u2028d\\u202Ee\\u0000f\\u0085g\\u007F",
                LogValue.of("a\r\nb\u001b[31mc\u2028d\u202Ee\u0000f\u0085g\u007F"));
    }

    @Test
    void loneSurrogatesAreEscapedAndPairsKept() {
        assertEquals("x\\uD800y\uD83D\uDE00", LogValue.of("x\uD800y\uD83D\uDE00"));
    }

    @Test
    void printableTextIsUnchangedAndNothingIsADash() {
        assertEquals("manifest 猫.element.json (ok)", LogValue.of("manifest 猫.element.json (ok)"));
        assertEquals("-", LogValue.of(null));
    }

    @Test
    void signaturesInUrlsAreMasked() {
        assertEquals("https://b.cos.ap-guangzhou.myqcloud.com/a.jpg?q-signature=***\\u000Ax",
                LogValue.of("https://b.cos.ap-guangzhou.myqcloud.com/a.jpg?q-signature=secret\nx"));
    }
}
