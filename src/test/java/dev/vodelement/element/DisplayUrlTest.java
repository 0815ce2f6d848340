package dev.vodelement.element;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DisplayUrlTest {

    @Test
    void masksSigningParametersOnly() {
        assertEquals("https://b-1.cos.ap-guangzhou.myqcloud.com/a.png?q-sign-algorithm=sha1&q-ak=***"
                + "&q-signature=***&x-cos-security-token=***&imageMogr2=1",
                DisplayUrl.of("https://b-1.cos.ap-guangzhou.myqcloud.com/a.png?q-sign-algorithm=sha1&q-ak=AKIDx"
                        + "&q-signature=abc123&x-cos-security-token=TOKEN&imageMogr2=1"));
        assertEquals("https://s3/x.png?X-Amz-Signature=***&X-Amz-Security-Token=***#frag",
                DisplayUrl.of("https://s3/x.png?X-Amz-Signature=ff&X-Amz-Security-Token=tt#frag"));
    }

    @Test
    void masksUserInfo() {
        assertEquals("https://***@h/a.png?q-signature=***",
                DisplayUrl.of("https://user:password@h/a.png?q-signature=s"));
    }

    @Test
    void leavesPlainUrlsAlone() {
        assertEquals("https://h/a.png", DisplayUrl.of("https://h/a.png"));
        assertEquals("https://h/a.png?w=300&h=400", DisplayUrl.of("https://h/a.png?w=300&h=400"));
    }
}
