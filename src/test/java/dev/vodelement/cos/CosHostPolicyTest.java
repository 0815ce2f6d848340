package dev.vodelement.cos;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CosHostPolicyTest {

    private final CosHostPolicy defaults = new CosHostPolicy(List.of(".myqcloud.com", ".tencentcos.cn",
            ".tencentcos.com"));

    @Test
    void cosHostsAreAllowed() {
        assertTrue(defaults.allows("examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com"));
        assertTrue(defaults.allows("EXAMPLEBUCKET-1250000000.COS.AP-GUANGZHOU.MYQCLOUD.COM"));
        assertTrue(defaults.allows("examplebucket-1250000000.cos.ap-guangzhou.tencentcos.cn"));
    }

    @Test
    void lookalikesAndOtherHostsAreNot() {
        assertFalse(defaults.allows("myqcloud.com"));
        assertFalse(defaults.allows(".myqcloud.com"));
        assertFalse(defaults.allows("bucket.cos.myqcloud.com.attacker.example"));
        assertFalse(defaults.allows("evilmyqcloud.com"));
        assertFalse(defaults.allows("127.0.0.1"));
        assertFalse(defaults.allows("169.254.169.254"));
        assertFalse(defaults.allows(""));
        assertFalse(defaults.allows(null));
    }

    @Test
    void undottedEntriesMatchOneHostExactly() {
        CosHostPolicy loopback = new CosHostPolicy(List.of(" 127.0.0.1 ", ""));
        assertTrue(loopback.allows("127.0.0.1"));
        assertFalse(loopback.allows("10.127.0.0.1"));
        assertFalse(loopback.allows("127.0.0.10"));
    }
}
