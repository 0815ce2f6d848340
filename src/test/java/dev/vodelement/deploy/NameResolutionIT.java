package dev.vodelement.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vodelement.standin.CosEvents;
import dev.vodelement.standin.DnsStandIn;
import dev.vodelement.standin.ScfRuntimeStandIn;

/**
 * Name resolution of the packaged function, the native executable SCF runs (statically linked
 * against musl, whose own resolver does not retry over TCP before 1.2.4) or the JVM package: the
 * image hosts, VOD and COS named in /etc/hosts, named by a short name that only resolv.conf's
 * {@code search} domain completes, and named by a DNS answer too large for UDP (truncated, so only a
 * resolver that retries over TCP finds the address). Both builds resolve with Netty's DNS client
 * (natively through {@code outbound.NativeDnsResolver}), so the expectations are the same.
 *
 * <p>The function runs in a mount namespace of its own ({@code unshare -m}) in which the test's
 * hosts file and resolv.conf are bind-mounted over /etc/hosts and /etc/resolv.conf, with a DNS
 * stand-in on port 53 of a loopback address: nothing outside the process sees them. That takes
 * root: elsewhere the tests are skipped, which CI refuses for the native executable.
 */
class NameResolutionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_EVENT = Duration.ofSeconds(60);
    private static final String SEARCH_DOMAIN = "svc.test";

    @TempDir
    Path unpacked;
    @TempDir
    Path etc;

    private final PackageStandIns standIns = PackageStandIns.start();
    private DnsStandIn dns;
    private Process function;

    @BeforeAll
    static void needsMountNamespaces() throws Exception {
        Process probe = new ProcessBuilder("unshare", "-m", "true").redirectErrorStream(true).start();
        boolean works;
        try {
            works = probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IllegalThreadStateException e) {
            works = false;
        }
        Assumptions.assumeTrue(works, "needs root and unshare(1) for a private /etc/hosts and /etc/resolv.conf");
    }

    @BeforeEach
    void startStandIns() throws IOException {
        // a loopback address of its own, so that runs side by side do not collide on port 53
        ThreadLocalRandom random = ThreadLocalRandom.current();
        dns = DnsStandIn.start(InetAddress.getByAddress(new byte[] {127, (byte) (100 + random.nextInt(100)),
                (byte) random.nextInt(256), (byte) (2 + random.nextInt(250))}));
        Files.writeString(etc.resolve("resolv.conf"), "nameserver " + dns.address().getHostAddress() + "\n"
                + "search " + SEARCH_DOMAIN + "\n" + "options timeout:2 attempts:2\n");
        // the machine's own entries (its host name among them) and the test's names
        Files.writeString(etc.resolve("hosts"), Files.readString(Path.of("/etc/hosts"))
                + "\n127.0.0.1 images.hosts.test vod.hosts.test\n");
    }

    @AfterEach
    void stop() throws InterruptedException {
        standIns.close(function);
        dns.close();
    }

    @Test
    void namesFromTheHostsFile() throws Exception {
        JsonNode answer = createElement("images.hosts.test", "vod.hosts.test");

        assertTrue(answer.path("ElementId").asText().matches("\\d+"), answer::toString);
        assertTrue(dns.queries().stream().noneMatch(q -> q.name().contains("hosts.test")),
                () -> "/etc/hosts answers without a DNS query: " + dns.queries());
    }

    @Test
    void shortNamesCompletedByTheSearchDomain() throws Exception {
        dns.name("images." + SEARCH_DOMAIN, InetAddress.getLoopbackAddress());
        dns.name("vod." + SEARCH_DOMAIN, InetAddress.getLoopbackAddress());

        JsonNode answer = createElement("images", "vod." + SEARCH_DOMAIN);

        assertTrue(answer.path("ElementId").asText().matches("\\d+"), answer::toString);
        assertTrue(asked("images." + SEARCH_DOMAIN, false), dns.queries()::toString);
    }

    /**
     * resolv.conf's {@code ndots}, read when the function starts: with {@code ndots:2} a name of one
     * dot is tried with the search domain first (with the default of 1, as itself first).
     */
    @Test
    void ndotsFromResolvConf() throws Exception {
        Files.writeString(etc.resolve("resolv.conf"), "nameserver " + dns.address().getHostAddress() + "\n"
                + "search " + SEARCH_DOMAIN + "\n" + "options ndots:2 timeout:2 attempts:2\n");
        dns.name("images.sub." + SEARCH_DOMAIN, InetAddress.getLoopbackAddress());
        dns.name("vod." + SEARCH_DOMAIN, InetAddress.getLoopbackAddress());

        JsonNode answer = createElement("images.sub", "vod." + SEARCH_DOMAIN);

        assertTrue(answer.path("ElementId").asText().matches("\\d+"), answer::toString);
        assertTrue(asked("images.sub." + SEARCH_DOMAIN, false), dns.queries()::toString);
        assertTrue(dns.queries().stream().noneMatch(q -> q.name().equals("images.sub")),
                () -> "ndots:2 puts the search domain first: " + dns.queries());
    }

    /** Image host and VOD by names whose answers only TCP carries: fetched over TCP, created. */
    @Test
    void answersTooLargeForUdp() throws Exception {
        dns.oversized("images-big." + SEARCH_DOMAIN, InetAddress.getLoopbackAddress());
        dns.oversized("vod-big." + SEARCH_DOMAIN, InetAddress.getLoopbackAddress());

        ScfRuntimeStandIn.Report done = deliverCreateElement("images-big." + SEARCH_DOMAIN, "vod-big." + SEARCH_DOMAIN);

        assertTrue(done.success(), () -> done + "\n" + ScfPackage.log(unpacked));
        assertEquals(1, standIns.vod().createdCount());
        assertTrue(asked("images-big." + SEARCH_DOMAIN, true), dns.queries()::toString);
        assertTrue(asked("vod-big." + SEARCH_DOMAIN, true), dns.queries()::toString);
    }

    /** The same for a bucket: the manifest read and the result object written through a TCP-only name. */
    @Test
    void anUploadFromABucketWhoseNameNeedsTcp() throws Exception {
        dns.oversized("bucket-big." + SEARCH_DOMAIN, InetAddress.getLoopbackAddress());
        CosEvents.putCat(standIns.cos());
        String bucket = "bucket-big." + SEARCH_DOMAIN;
        String upload = CosEvents.upload(key -> standIns.cos().objectUrl(key).replace("127.0.0.1", bucket),
                CosEvents.CAT_MANIFEST);

        CompletableFuture<ScfRuntimeStandIn.Report> report = standIns.runtime().deliver(upload);
        start(Map.of("VOD_COS_ALLOWED_HOST_SUFFIXES", "." + SEARCH_DOMAIN, "VOD_COS_FORCE_HTTPS", "false"));
        ScfRuntimeStandIn.Report done = report.get(FIRST_EVENT.toSeconds(), TimeUnit.SECONDS);

        assertTrue(done.success(), () -> done + "\n" + ScfPackage.log(unpacked));
        JsonNode result = JSON.readTree(done.body()).path("Results").get(0);
        assertEquals("created", result.path("Status").asText(), () -> done + "\n" + ScfPackage.log(unpacked));
        assertTrue(standIns.cos().objectText("elements/cat.element.result.json").isPresent(),
                standIns.cos().keys()::toString);
        assertTrue(asked(bucket, true), dns.queries()::toString);
    }

    /** The sample request through the Custom Runtime loop, its images and VOD under the given names: created. */
    private JsonNode createElement(String imageHost, String vodHost) throws Exception {
        ScfRuntimeStandIn.Report done = deliverCreateElement(imageHost, vodHost);
        assertTrue(done.success(), () -> done + "\n" + ScfPackage.log(unpacked));
        assertEquals(1, standIns.vod().createdCount());
        return JSON.readTree(done.body());
    }

    private ScfRuntimeStandIn.Report deliverCreateElement(String imageHost, String vodHost) throws Exception {
        String request = Files.readString(Path.of("samples/create-element.json"))
                .replace("http://localhost:8080/dev/images/", standIns.images().url(imageHost, "/"));
        CompletableFuture<ScfRuntimeStandIn.Report> report = standIns.runtime().deliver(request);
        start(Map.of("VOD_ENDPOINT", standIns.vod().url().replace("127.0.0.1", vodHost)));
        return report.get(FIRST_EVENT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The package's bootstrap in a mount namespace where the test's files stand in for /etc/hosts and resolv.conf. */
    private void start(Map<String, String> extraEnvironment) throws IOException {
        ScfPackage.unpack(unpacked);
        String script = "mount --bind \"$1\" /etc/hosts && mount --bind \"$2\" /etc/resolv.conf && exec ./bootstrap";
        ProcessBuilder builder = ScfPackage.customRuntime(new ProcessBuilder("unshare", "-m", "sh", "-c", script, "sh",
                etc.resolve("hosts").toString(), etc.resolve("resolv.conf").toString()), unpacked, standIns.runtime(),
                standIns.vod());
        builder.environment().putAll(extraEnvironment);
        function = builder.start();
    }

    /** Whether the DNS stand-in was asked for this name (over TCP, when {@code tcp}). */
    private boolean asked(String name, boolean tcp) {
        return dns.queries().stream().anyMatch(q -> q.name().equals(name) && (q.tcp() || !tcp));
    }

}
