package dev.vodelement.cos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MaskedMessageTest {

    @Test
    void signaturesAndTokensOfEveryUrlAreMaskedAndTheRestIsKept() {
        String message = "ElementReferList[0].ImageUrl https://b-1250000000.cos.ap-guangzhou.myqcloud.com/a.jpg"
                + "?q-sign-algorithm=sha1&q-ak=AKIDsecretish&q-sign-time=1;2&q-key-time=1;2&q-header-list=host"
                + "&q-url-param-list=&q-signature=0123456789abcdef0123456789abcdef01234567"
                + "&x-cos-security-token=tok%2Ben: height is 200 px; also http://h/x.png?token=t and more";

        assertEquals("ElementReferList[0].ImageUrl https://b-1250000000.cos.ap-guangzhou.myqcloud.com/a.jpg"
                + "?q-sign-algorithm=sha1&q-ak=***&q-sign-time=1;2&q-key-time=1;2&q-header-list=host"
                + "&q-url-param-list=&q-signature=***&x-cos-security-token=***: height is 200 px; also "
                + "http://h/x.png?token=*** and more", MaskedMessage.of(message));
    }

    @Test
    void punctuationAroundAUrlIsKept() {
        assertEquals("ElementFrontalImage (https://h/a(1).jpg?q-signature=***): too small; see https://h/b.jpg.",
                MaskedMessage.of("ElementFrontalImage (https://h/a(1).jpg?q-signature=abc): too small; "
                        + "see https://h/b.jpg."));
    }

    @Test
    void messagesWithoutUrlsAreUnchanged() {
        assertEquals("ElementName is required", MaskedMessage.of("ElementName is required"));
    }
}
