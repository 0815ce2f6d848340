package dev.vodelement.image.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.vodelement.image.Deadline;
import dev.vodelement.image.ImageRejected;
import dev.vodelement.standin.StandaloneVertx;

/** The address rule on every hop's URL, with the numeric and IPv6 tricks that SSRF checks miss. No network. */
class AddressGuardTest {

    private final List<String> lookups = new ArrayList<>();
    private final Map<String, String[]> dns = Map.of(
            "images.example", new String[] {"93.184.216.34"},
            "mixed.example", new String[] {"93.184.216.34", "10.0.0.5"},
            "metadata.example", new String[] {"169.254.169.254"},
            "v6.example", new String[] {"2606:4700:4700::1111", "::ffff:192.168.0.10"},
            "xn--bcher-kva.example", new String[] {"93.184.216.34"});
    private final HostResolver fakeDns = host -> {
        lookups.add(host);
        String[] answers = dns.get(host);
        if (answers == null) {
            return Future.failedFuture(new UnknownHostException(host));
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (String answer : answers) {
            try {
                addresses.add(InetAddress.getByName(answer));
            } catch (UnknownHostException e) {
                return Future.failedFuture(e);
            }
        }
        return Future.succeededFuture(addresses);
    };
    private final AddressGuard guarded = new AddressGuard(fakeDns, AddressPolicy.PUBLIC_ONLY, StandaloneVertx.get());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http://127.0.0.1/a.jpg            | host 127.0.0.1 is a loopback address (127.0.0.1)",
        "http://2130706433/a.jpg           | host 2130706433 is a loopback address (127.0.0.1)",
        "http://0177.0.0.1/a.jpg           | host 0177.0.0.1 is a loopback address (127.0.0.1)",
        "http://0x7f.0.0.1/a.jpg           | host 0x7f.0.0.1 is a loopback address (127.0.0.1)",
        "http://0x7F000001/a.jpg           | is a loopback address (127.0.0.1)",
        "http://017700000001/a.jpg         | is a loopback address (127.0.0.1)",
        "http://127.1/a.jpg                | host 127.1 is a loopback address (127.0.0.1)",
        "http://127.0.1/a.jpg              | is a loopback address (127.0.0.1)",
        "http://127.0.0.1./a.jpg           | is a loopback address (127.0.0.1)",
        "http://0/a.jpg                    | is an unspecified address (0.0.0.0)",
        "http://0.0.0.0:8080/a.jpg         | is an unspecified address (0.0.0.0)",
        "http://10.0.0.5/a.jpg             | is a private address (10.0.0.5)",
        "http://0xa.0.0.5/a.jpg            | is a private address (10.0.0.5)",
        "http://172.16.0.1/a.jpg           | is a private address (172.16.0.1)",
        "http://172.31.255.255/a.jpg       | is a private address (172.31.255.255)",
        "http://192.168.1.1/a.jpg          | is a private address (192.168.1.1)",
        "http://3232235777/a.jpg           | is a private address (192.168.1.1)",
        "http://100.64.0.1/a.jpg           | is a carrier-grade NAT address (100.64.0.1)",
        "http://100.127.255.254/a.jpg      | is a carrier-grade NAT address (100.127.255.254)",
        "http://169.254.169.254/latest/    | is a link-local address (169.254.169.254)",
        "http://224.0.0.1/a.jpg            | is a multicast address (224.0.0.1)",
        "http://255.255.255.255/a.jpg      | is a broadcast address (255.255.255.255)",
        "http://240.0.0.1/a.jpg            | is a reserved address (240.0.0.1)",
        "http://010.8.8.8/a.jpg            | host 010.8.8.8 can be read as a private address (10.8.8.8)",
        "http://[::1]/a.jpg                | host [::1] is a loopback address (::1)",
        "http://[0:0:0:0:0:0:0:1]/a.jpg    | is a loopback address (::1)",
        "http://[::]/a.jpg                 | is an unspecified address (::)",
        "http://[::ffff:127.0.0.1]/a.jpg   | is a loopback address (127.0.0.1)",
        "http://[::ffff:7f00:1]/a.jpg      | is a loopback address (127.0.0.1)",
        "http://[::ffff:a00:5]/a.jpg       | is a private address (10.0.0.5)",
        "http://[::127.0.0.1]/a.jpg        | is a loopback address (::7f00:1, which leads to 127.0.0.1)",
        "http://[::ffff:0:7f00:1]/a.jpg    | is a loopback address (::ffff:0:7f00:1, which leads to 127.0.0.1)",
        "http://[64:ff9b::7f00:1]/a.jpg    | is a loopback address (64:ff9b::7f00:1, which leads to 127.0.0.1)",
        "http://[64:ff9b::a9fe:a9fe]/a.jpg | is a link-local address (64:ff9b::a9fe:a9fe, which leads to 169.254.169.254)",
        "http://[64:ff9b:1::a00:5]/a.jpg   | is a private (local-use NAT64) address",
        "http://[2002:7f00:1::1]/a.jpg     | is a loopback address (2002:7f00:1::1, which leads to 127.0.0.1)",
        "http://[2002:c0a8:101::]/a.jpg    | is a private address (2002:c0a8:101::, which leads to 192.168.1.1)",
        "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/a.jpg | which leads to 127.0.0.1",
        "http://[fc00::1]/a.jpg            | is a unique-local address (fc00::1)",
        "http://[fd12:3456:789a::1]/a.jpg  | is a unique-local address (fd12:3456:789a::1)",
        "http://[fe80::1]/a.jpg            | is a link-local address (fe80::1)",
        "http://[fe80::1%25eth0]/a.jpg     | is a link-local address",
        "http://[fec0::1]/a.jpg            | is a private (site-local) address (fec0::1)",
        "http://[ff02::1]/a.jpg            | is a multicast address (ff02::1)",
        "http://mixed.example/a.jpg        | host mixed.example resolves to a private address (10.0.0.5)",
        "http://metadata.example/a.jpg     | host metadata.example resolves to a link-local address (169.254.169.254)",
        "http://v6.example/a.jpg           | host v6.example resolves to a private address (192.168.0.10)",
    })
    void refusesHostsThatAreOrLeadToNonPublicAddresses(String url, String expected) {
        ImageRejected rejected = assertThrows(ImageRejected.class, () -> check(url));
        assertTrue(rejected.problem().contains(expected.trim()), rejected.problem());
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefusedThroughRealDns() {
        AddressGuard systemDns = new AddressGuard(HostResolver.of(StandaloneVertx.get()), AddressPolicy.PUBLIC_ONLY,
                StandaloneVertx.get());
        ImageRejected rejected = assertThrows(ImageRejected.class,
                () -> await(systemDns.check(AddressGuard.parse("http://localhost:8080/a.jpg"), deadline())));
        assertTrue(rejected.problem().startsWith("host localhost resolves to a loopback address"), rejected.problem());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://256.0.0.1/a.jpg", "http://1.2.3.4.5/a.jpg", "http://0x100000000/a.jpg",
        "http://0x1g.0.0.1/a.jpg", "http://example.123/a.jpg", "http://08.0.0.1/a.jpg"})
    void numericHostsThatParseAsNoAddressAreRefusedAndNeverLookedUp(String url) {
        ImageRejected rejected = assertThrows(ImageRejected.class, () -> check(url));
        assertTrue(rejected.problem().contains("is not a valid IPv4 address"), rejected.problem());
        assertTrue(lookups.isEmpty(), "sent to DNS: " + lookups);
    }

    @Test
    void publicNumericFormsConnectToTheAddressTheyMean() throws Exception {
        assertEquals("8.8.8.8", check("http://0x08.0x08.0x08.0x08/a.jpg").addresses().get(0).getHostAddress());
        assertEquals("8.8.8.8", check("http://134744072/a.jpg").addresses().get(0).getHostAddress());
        CheckedTarget v6 = check("https://[2606:4700:4700::1111]:8443/a.jpg");
        assertEquals("[2606:4700:4700::1111]:8443", v6.hostHeader());
        assertTrue(v6.tlsNameIsAddress());
        assertTrue(lookups.isEmpty(), "numeric hosts never go to DNS: " + lookups);
    }

    @Test
    void everyResolvedAddressIsCheckedAndTheNameIsLookedUpOnce() throws Exception {
        CheckedTarget target = check("https://Images.Example/photos/a.jpg?size=large#top");
        assertEquals(List.of("images.example"), lookups);
        assertEquals("93.184.216.34", target.addresses().get(0).getHostAddress());
        assertEquals("images.example", target.hostHeader());
        assertEquals("images.example", target.tlsName());
        assertFalse(target.tlsNameIsAddress());
        assertEquals(443, target.port());
        assertEquals("/photos/a.jpg?size=large", target.requestTarget());
    }

    @Test
    void internationalNamesAreLookedUpInTheirAsciiForm() throws Exception {
        check("http://bücher.example/a.jpg");
        assertEquals(List.of("xn--bcher-kva.example"), lookups);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ftp://images.example/a.jpg              | scheme ftp is not allowed; only http and https",
        "file:///etc/passwd                      | scheme file is not allowed",
        "gopher://images.example/                | scheme gopher is not allowed",
        "//images.example/a.jpg                  | URL has no scheme",
        "http:///a.jpg                           | URL has no host",
        "http://images.example@127.0.0.1/a.jpg   | must not carry user info",
        "http://%31%32%37.0.0.1/a.jpg            | is not a valid host name",
        "http://images.example:99999/a.jpg       | invalid port 99999",
        "http://images example/a.jpg             | URL is not valid",
        "http://nowhere.example/a.jpg            | host nowhere.example could not be resolved",
    })
    void refusesUrlsThatAreNotPlainHttpToAHost(String url, String expected) {
        ImageRejected rejected = assertThrows(ImageRejected.class, () -> check(url));
        assertTrue(rejected.problem().contains(expected.trim()), rejected.problem());
    }

    @Test
    void uppercaseSchemesAreStillHttp() throws Exception {
        assertEquals(80, check("HTTP://images.example/a.jpg").port());
    }

    @Test
    void allowingPrivateNetworksLetsLoopbackThroughInAnyForm() throws Exception {
        AddressGuard open = new AddressGuard(fakeDns, AddressPolicy.ALLOW_ALL, StandaloneVertx.get());
        CheckedTarget target = await(open.check(AddressGuard.parse("https://0x7f.1:8443/a.jpg"), deadline()));
        assertEquals("127.0.0.1", target.addresses().get(0).getHostAddress());
        assertEquals("127.0.0.1", target.tlsName(), "certificates name the address, not its odd spelling");
        assertEquals("0x7f.1:8443", target.hostHeader());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1", "100.63.255.255",
        "169.253.1.1", "192.169.0.1", "223.255.255.255", "2606:4700:4700::1111", "2001:4860:4860::8888",
        "2002:808:808::1", "64:ff9b::808:808", "::ffff:8.8.8.8"})
    void publicAddressesPass(String address) throws Exception {
        assertEquals(java.util.Optional.empty(), AddressRule.violation(InetAddress.getByName(address)));
    }

    @Test
    void ipv6AddressesAreShownInTheirShortForm() throws Exception {
        assertEquals("::1", AddressRule.ipv6Text(InetAddress.getByName("0:0:0:0:0:0:0:1").getAddress()));
        assertEquals("fe80::1:0:0:1", AddressRule.ipv6Text(InetAddress.getByName("fe80:0:0:0:1:0:0:1").getAddress()));
        assertEquals("2001:db8::", AddressRule.ipv6Text(InetAddress.getByName("2001:db8::").getAddress()));
    }

    private CheckedTarget check(String url) throws ImageRejected {
        return await(guarded.check(AddressGuard.parse(url), deadline()));
    }

    /** The check's outcome; its verdict thrown as the {@link ImageRejected} it failed with. */
    private static CheckedTarget await(Future<CheckedTarget> check) throws ImageRejected {
        try {
            return check.toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof ImageRejected rejected) {
                throw rejected;
            }
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aLookupThatNeverAnswersIsAbandonedAtTheDeadline() throws Exception {
        // a lookup whose answer never comes: it holds no thread, and the check gives up at the deadline
        Promise<List<InetAddress>> never = Promise.promise();
        HostResolver hanging = host -> never.future();
        long start = System.nanoTime();
        ImageRejected rejected = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(
                ImageRejected.class, () -> await(new AddressGuard(hanging, AddressPolicy.PUBLIC_ONLY,
                        StandaloneVertx.get())
                        .check(AddressGuard.parse("http://hangs.example/a.jpg"), Deadline.after(Duration.ofSeconds(2))))));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("timed out after 2 s", rejected.problem());
        assertFalse(never.future().isComplete(), "the lookup was still pending when the check gave up");
        assertTrue(tookMillis >= 1_900 && tookMillis < 10_000, "gave up after " + tookMillis + " ms");
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(5));
    }
}
