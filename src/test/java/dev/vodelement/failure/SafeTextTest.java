package dev.vodelement.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void urlMasksSigningParametersOnly() {
        assertEquals("https://b-1.cos.ap-guangzhou.myqcloud.com/a.png?q-sign-algorithm=sha1&q-ak=***"
                + "&q-signature=***&x-cos-security-token=***&imageMogr2=1",
                SafeText.url("https://b-1.cos.ap-guangzhou.myqcloud.com/a.png?q-sign-algorithm=sha1&q-ak=AKIDx"
                        + "&q-signature=abc123&x-cos-security-token=TOKEN&imageMogr2=1"));
        assertEquals("https://s3/x.png?X-Amz-Signature=***&X-Amz-Security-Token=***#frag",
                SafeText.url("https://s3/x.png?X-Amz-Signature=ff&X-Amz-Security-Token=tt#frag"));
    }

    @Test
    void urlMasksUserInfo() {
        assertEquals("https://***@h/a.png?q-signature=***",
                SafeText.url("https://user:password@h/a.png?q-signature=s"));
    }

    @Test
    void urlLeavesPlainUrlsAlone() {
        assertEquals("https://h/a.png", SafeText.url("https://h/a.png"));
        assertEquals("https://h/a.png?w=300&h=400", SafeText.url("https://h/a.png?w=300&h=400"));
    }

    @Test
    void messageMasksSignaturesAndTokensOfEveryUrlAndKeepsTheRest() {
        String message = "ElementReferList[0].ImageUrl https://b-1250000000.cos.ap-guangzhou.myqcloud.com/a.jpg"
                + "?q-sign-algorithm=sha1&q-ak=AKIDsecretish&q-sign-time=1;2&q-key-time=1;2&q-header-list=host"
                + "&q-url-param-list=&q-signature=0123456789abcdef0123456789abcdef01234567"
                + "&x-cos-security-token=tok%2Ben: height is 200 px; also http://h/x.png?token=t and more";

        assertEquals("ElementReferList[0].ImageUrl https://b-1250000000.cos.ap-guangzhou.myqcloud.com/a.jpg"
                + "?q-sign-algorithm=sha1&q-ak=***&q-sign-time=1;2&q-key-time=1;2&q-header-list=host"
                + "&q-url-param-list=&q-signature=***&x-cos-security-token=***: height is 200 px; also "
                + "http://h/x.png?token=*** and more", SafeText.message(message));
    }

    @Test
    void messageKeepsPunctuationAroundAUrl() {
        assertEquals("ElementFrontalImage (https://h/a(1).jpg?q-signature=***): too small; see https://h/b.jpg.",
                SafeText.message("ElementFrontalImage (https://h/a(1).jpg?q-signature=abc): too small; "
                        + "see https://h/b.jpg."));
    }

    @Test
    void messageWithoutUrlsIsUnchanged() {
        assertEquals("ElementName is required", SafeText.message("ElementName is required"));
    }
}
