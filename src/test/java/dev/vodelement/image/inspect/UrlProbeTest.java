package dev.vodelement.image.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vodelement.image.ImageRejected;
import dev.vodelement.image.address.AddressRule;
import dev.vodelement.image.address.HostResolver;
import dev.vodelement.image.format.HeaderProber;
import dev.vodelement.standin.ImageBehaviour;
import dev.vodelement.standin.ImageBehaviour.Framing;
import dev.vodelement.standin.ImageSamples;
import dev.vodelement.standin.ImageServedRequest;
import dev.vodelement.standin.ImageServer;

/** One image probed over real HTTP against {@link ImageServer}, with the server's own count of what it sent. */
class UrlProbeTest {

    private static final int FIRST_RANGE = 12_288;
    /** Generous room for one response head. */
    private static final int HEAD = 512;

    private static ImageServer server;
    /** A JPEG whose frame header sits behind 200 KB of EXIF (with thumbnail), XMP and ICC segments. */
    private static byte[] metadataHeavyJpeg;
    /** The same metadata in front of a 3 MB photo-like JPEG. */
    private static byte[] bigMetadataHeavyJpeg;

    private final Probes probes = Probes.onLoopback();

    @BeforeAll
    static void startServer() {
        server = ImageServer.start();
        byte[][] metadata = {ImageSamples.exifWithThumbnail(ImageSamples.jpeg(160, 120), 30_000),
            ImageSamples.xmp(40_000), ImageSamples.icc(120_000)};
        metadataHeavyJpeg = ImageSamples.withSegmentsAfterSoi(ImageSamples.withoutJfif(ImageSamples.jpeg(1200, 900)),
                metadata);
        bigMetadataHeavyJpeg = ImageSamples.withSegmentsAfterSoi(
                ImageSamples.withoutJfif(ImageSamples.noiseJpeg(1600, 1200, 0.95f, 7)), metadata);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void forgetRequests() {
        server.reset();
    }

    @Test
    void theSamplesAreDecidedByOneRangedRequest() throws ImageRejected {
        UrlProbe.Result jpeg = probes.run(server.url(ImageServer.FRONT_JPEG));
        UrlProbe.Result png = probes.run(server.url(ImageServer.SIDE_PNG));
        assertEquals(List.of(768, 1024, ImageSamples.frontJpeg().length),
                List.of(jpeg.image().width(), jpeg.image().height(), (int) jpeg.totalBytes()));
        assertEquals(List.of(1024, 768, ImageSamples.sidePng().length),
                List.of(png.image().width(), png.image().height(), (int) png.totalBytes()));
        ImageServedRequest request = server.requests(ImageServer.SIDE_PNG).get(0);
        assertEquals(1, png.requests());
        assertEquals("bytes=0-12287", request.range());
        assertEquals("127.0.0.1:" + server.port(), request.host());
        assertEquals(33, png.image().bytesNeeded());
        assertTrue(request.bytesSent() <= FIRST_RANGE + HEAD, "sent " + request.bytesSent());
    }

    @Test
    void aLongPngIsDecidedWithoutTransferringItsChunks() throws ImageRejected {
        byte[] png = ImageSamples.withChunksAfterIhdr(ImageSamples.png(900, 700), ImageSamples.textChunk(3_000_000));
        server.serve("/long.png", png);
        UrlProbe.Result result = probes.run(server.url("/long.png"));
        assertEquals(png.length, result.totalBytes());
        assertEquals(1, result.requests());
        assertTrue(server.bytesSent("/long.png") <= FIRST_RANGE + HEAD, "sent " + server.bytesSent("/long.png"));
    }

    @Test
    void longSegmentsAreJumpedOverWithNewRangesNotDownloaded() throws IOException {
        server.serve("/metadata.jpg", metadataHeavyJpeg);
        long needed = HeaderProber.probe(new ByteArrayInputStream(metadataHeavyJpeg)).bytesNeeded();
        UrlProbe.Result result = probes.run(server.url("/metadata.jpg"));
        assertEquals(List.of(1200, 900), List.of(result.image().width(), result.image().height()));
        assertEquals(needed, result.image().bytesNeeded());
        assertTrue(needed > 190_000, "the frame header is " + needed + " bytes in");
        List<ImageServedRequest> requests = server.requests("/metadata.jpg");
        assertTrue(requests.size() >= 2 && requests.size() <= 5, requests.size() + " requests");
        long bodySent = requests.stream().mapToLong(ImageServedRequest::bodyBytesSent).sum();
        assertTrue(bodySent < needed, "jumping sends less than the offset of the frame header: " + bodySent);
        long secondStart = Long.parseLong(requests.get(1).range().replaceAll("bytes=([0-9]+)-.*", "$1"));
        assertTrue(secondStart > 30_000, "the second range starts after the 30 KB EXIF: " + requests.get(1).range());
    }

    @Test
    void aServerThatIgnoresRangesIsReadOnlyUpToTheFrameHeader() throws IOException {
        server.serve("/no-ranges.jpg", bigMetadataHeavyJpeg, ImageBehaviour.normal().ignoringRanges());
        UrlProbe.Result result = probes.run(server.url("/no-ranges.jpg"));
        long needed = HeaderProber.probe(new ByteArrayInputStream(bigMetadataHeavyJpeg)).bytesNeeded();
        assertEquals(1600, result.image().width());
        assertEquals(bigMetadataHeavyJpeg.length, result.totalBytes(), "size from Content-Length");
        assertEquals(1, result.requests());
        assertTrue(result.bodyBytesRead() < needed + 8192, "read " + result.bodyBytesRead() + " for " + needed);
        long sent = server.bytesSent("/no-ranges.jpg");
        assertTrue(bigMetadataHeavyJpeg.length > 2_000_000 && sent < bigMetadataHeavyJpeg.length / 2,
                "connection closed early: sent " + sent + " of " + bigMetadataHeavyJpeg.length);
    }

    @Test
    void moreThan10MibIsRefusedFromTheHeadersWithoutReadingTheBody() {
        byte[] big = bigFile(12_582_912);
        server.serve("/big-ranged.jpg", big);
        server.serve("/big-whole.jpg", big, ImageBehaviour.normal().ignoringRanges());
        assertRejected("/big-ranged.jpg", "12,582,912 bytes exceeds 10 MiB (10,485,760 bytes)");
        assertRejected("/big-whole.jpg", "12,582,912 bytes exceeds 10 MiB (10,485,760 bytes)");
        assertTrue(server.bytesSent("/big-ranged.jpg") <= FIRST_RANGE + HEAD);
        assertTrue(server.bytesSent("/big-whole.jpg") < big.length / 4, "sent " + server.bytesSent("/big-whole.jpg"));
    }

    @Test
    void exactly10MibIsAccepted() throws ImageRejected {
        server.serve("/10mib.jpg", bigFile(10_485_760));
        assertEquals(10_485_760, probes.run(server.url("/10mib.jpg")).totalBytes());
    }

    @Test
    void aSizeNobodyAnnouncedIsDecidedByOneProbeForTheByteAt10Mib() throws ImageRejected {
        server.serve("/unknown-small.jpg", ImageSamples.frontJpeg(), ImageBehaviour.normal().withUnknownTotal());
        server.serve("/unknown-big.jpg", bigFile(11_000_000), ImageBehaviour.normal().withUnknownTotal());
        UrlProbe.Result small = probes.run(server.url("/unknown-small.jpg"));
        assertEquals(ImageSamples.frontJpeg().length, small.totalBytes(), "from the 416's Content-Range");
        assertEquals(List.of("bytes=0-12287", "bytes=10485760-10485760"),
                server.requests("/unknown-small.jpg").stream().map(ImageServedRequest::range).toList());
        assertRejected("/unknown-big.jpg", "exceeds 10 MiB");
        assertTrue(server.bytesSent("/unknown-big.jpg") <= FIRST_RANGE + 1 + 2 * HEAD);
    }

    @Test
    void aSizeToldOnlyByALaterRangeStillHoldsTheRule() {
        byte[] big = java.util.Arrays.copyOf(metadataHeavyJpeg, 11_000_000);
        server.serve("/late-total.jpg", big, ImageBehaviour.normal().hidingTotalAtStart());
        assertRejected("/late-total.jpg", "11,000,000 bytes exceeds 10 MiB (10,485,760 bytes)");
    }

    @Test
    void chunkedAndCloseDelimitedBodiesAreCountedUpTo10Mib() throws ImageRejected {
        ImageBehaviour chunked = ImageBehaviour.normal().ignoringRanges().framed(Framing.CHUNKED);
        ImageBehaviour untilClose = ImageBehaviour.normal().ignoringRanges().framed(Framing.CLOSE);
        server.serve("/chunked.jpg", ImageSamples.frontJpeg(), chunked);
        server.serve("/until-close.jpg", ImageSamples.frontJpeg(), untilClose);
        server.serve("/chunked-big.jpg", bigFile(11_000_000), chunked);
        assertEquals(ImageSamples.frontJpeg().length, probes.run(server.url("/chunked.jpg")).totalBytes());
        assertEquals(ImageSamples.frontJpeg().length, probes.run(server.url("/until-close.jpg")).totalBytes());
        assertRejected("/chunked-big.jpg", "the server sent no size and more bytes than that");
        long sent = server.requests("/chunked-big.jpg").get(0).bodyBytesSent();
        assertTrue(sent < 10_485_760 + 2_000_000, "stopped near 10 MiB: " + sent);
    }

    @Test
    void aContentLengthShorterThanTheImageEndsTheImageThere() {
        server.serve("/short.jpg", ImageSamples.frontJpeg(), ImageBehaviour.normal().ignoringRanges().announcing(100));
        assertRejected("/short.jpg", "JPEG ends after 100 bytes, before its frame header (SOF)");
    }

    @Test
    void bytesSentBeyondTheAnnouncedLengthAreNotImageBytes() throws ImageRejected {
        server.serve("/extra.jpg", ImageSamples.frontJpeg(), ImageBehaviour.normal().sendingExtra(50_000));
        server.serve("/extra-whole.png", ImageSamples.sidePng(),
                ImageBehaviour.normal().ignoringRanges().framed(Framing.CHUNKED).sendingExtra(50_000));
        assertEquals(ImageSamples.frontJpeg().length, probes.run(server.url("/extra.jpg")).totalBytes());
        assertEquals(ImageSamples.sidePng().length, probes.run(server.url("/extra-whole.png")).totalBytes());
    }

    @Test
    void aBodyCutShortSaysHowMuchArrived() {
        server.serve("/cut.jpg", ImageSamples.frontJpeg(), ImageBehaviour.normal().cutAfter(100));
        assertRejected("/cut.jpg", "JPEG ends after 100 bytes, before its frame header (SOF) (the server stopped "
                + "sending after 100 bytes of the " + String.format(Locale.ROOT, "%,d", ImageSamples.frontJpeg().length)
                + " bytes it announced)");
    }

    @Test
    void anEmptyFileIsNamedSo() {
        server.serve("/empty.jpg", new byte[0]);
        server.serve("/empty-whole.jpg", new byte[0], ImageBehaviour.normal().ignoringRanges());
        assertRejected("/empty.jpg", "image is empty (0 bytes)");
        assertRejected("/empty-whole.jpg", "image is empty (0 bytes)");
    }

    @Test
    void aServerThatRefusesRangesWith416IsAskedForTheWholeFile() throws ImageRejected {
        server.serve("/no-range-please.jpg", ImageSamples.frontJpeg(), ImageBehaviour.normal().refusingRanges());
        UrlProbe.Result result = probes.run(server.url("/no-range-please.jpg"));
        assertEquals(List.of(768, ImageSamples.frontJpeg().length),
                List.of(result.image().width(), (int) result.totalBytes()));
        List<String> ranges = server.requests("/no-range-please.jpg").stream().map(ImageServedRequest::range)
                .toList();
        assertEquals(java.util.Arrays.asList("bytes=0-12287", null), ranges);
    }

    @Test
    void framingThatHttpCannotReadIsRefusedNotGuessed() {
        byte[] jpeg = ImageSamples.frontJpeg();
        server.raw("/bad-chunk.jpg", concat(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), jpeg));
        server.raw("/two-lengths.jpg", concat(("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Length: 20000\r\n"
                + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), jpeg));
        server.raw("/not-http.jpg", "SSH-2.0-OpenSSH_9.6\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertRejected("/bad-chunk.jpg", "server sent a malformed chunked body");
        assertRejected("/two-lengths.jpg", "server 127.0.0.1:" + server.port()
                + " sent an invalid or conflicting Content-Length");
        assertRejected("/not-http.jpg", "server 127.0.0.1:" + server.port() + " did not answer with HTTP/1.x");
    }

    private static byte[] concat(byte[] head, byte[] body) {
        byte[] all = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    @Test
    void anEncodedBodyIsRefusedBecauseItsBytesAreNotTheImages() {
        server.serve("/gzipped.jpg", ImageSamples.frontJpeg(), ImageBehaviour.normal().encoded("gzip"));
        assertRejected("/gzipped.jpg", "sent the image gzip-encoded although identity was asked");
    }

    @Test
    void ioFailuresAreDescribedWithoutClassNames() {
        assertEquals("Connection reset", UrlProbe.reason(new java.net.SocketException("Connection reset")));
        assertEquals("the connection failed", UrlProbe.reason(new IOException(new javax.net.ssl.SSLException("x"))));
        assertEquals("the connection failed", UrlProbe.reason(new IOException((String) null)));
    }

    @Test
    void redirectsAreFollowedAndLaterRangesGoStraightToTheFinalUrl() throws ImageRejected {
        server.serve("/final.jpg", metadataHeavyJpeg);
        server.redirect("/hop1", "/hop2", 301);
        server.redirect("/hop2", server.url("/final.jpg"), 307);
        UrlProbe.Result result = probes.run(server.url("/hop1"));
        assertEquals(1200, result.image().width());
        assertEquals(1, server.requests("/hop1").size());
        assertEquals(1, server.requests("/hop2").size());
        assertTrue(server.requests("/final.jpg").size() >= 2);
        assertEquals(2 + server.requests("/final.jpg").size(), result.requests());
    }

    @Test
    void redirectLoopsStopAtTheLimit() {
        server.redirect("/loop", "/loop");
        assertRejected("/loop", "more than 5 redirects");
        assertEquals(6, server.requests("/loop").size());
    }

    @Test
    void everyRedirectHopIsHeldToTheAddressAndSchemeRules() {
        // 127.0.0.1 passes as if public, so that the first hop reaches the stand-in; the rest is the contract's rule
        Probes guarded = probes.guardedBy(address -> address.getHostAddress().equals("127.0.0.1") ? Optional.empty()
                : AddressRule.violation(address));
        server.redirect("/to-private", "http://10.0.0.5/internal.jpg");
        server.redirect("/to-metadata", "http://0xa9.0xfe.0xa9.0xfe/latest/meta-data/");
        server.redirect("/to-v6-loopback", "http://[::1]:" + server.port() + "/final.jpg");
        server.redirect("/to-file", "file:///etc/passwd");
        assertEquals("redirected to http://10.0.0.5/internal.jpg: host 10.0.0.5 is a private address (10.0.0.5)",
                rejection(guarded, "/to-private"));
        assertTrue(rejection(guarded, "/to-metadata").endsWith("is a link-local address (169.254.169.254)"));
        assertTrue(rejection(guarded, "/to-v6-loopback").endsWith("host [::1] is a loopback address (::1)"));
        assertTrue(rejection(guarded, "/to-file").endsWith("scheme file is not allowed; only http and https"));
    }

    @Test
    void errorStatusesAreNamedWithTheUrlWithoutItsSignature() {
        server.status("/gone.jpg", 404);
        server.status("/broken.jpg", 503);
        String url = server.url("/gone.jpg?q-sign-algorithm=sha1&q-signature=0123456789abcdef&x-cos-security-token=tok");
        ImageRejected rejected = assertThrows(ImageRejected.class, () -> probes.run(url));
        assertEquals("HTTP 404 from " + server.url("/gone.jpg")
                + "?q-sign-algorithm=sha1&q-signature=***&x-cos-security-token=***", rejected.problem());
        assertRejected("/broken.jpg", "HTTP 503 from " + server.url("/broken.jpg"));
    }

    @Test
    void aSlowServerRunsIntoTheDeadline() {
        server.serve("/slow.jpg", ImageSamples.frontJpeg(), ImageBehaviour.normal().delayed(Duration.ofSeconds(4)));
        Probes quick = probes.with(TestImageCheckConfig.onLoopback().withDeadline(Duration.ofSeconds(1)));
        assertEquals("timed out after 1 s", rejection(quick, "/slow.jpg"));
    }

    @Test
    void aServerThatGoesSilentRunsIntoTheReadTimeout() {
        server.serve("/stall.jpg", ImageSamples.frontJpeg(),
                ImageBehaviour.normal().stallingAfter(100, Duration.ofSeconds(10)));
        Probes impatient = probes.with(TestImageCheckConfig.onLoopback().withReadTimeout(Duration.ofMillis(500)));
        assertEquals("server 127.0.0.1:" + server.port() + " sent nothing for 500 ms", rejection(impatient,
                "/stall.jpg"));
    }

    /**
     * A head trickled a byte at a time never completes: the read timeout ends it (Vert.x's idle
     * timeout counts whole messages), where the old client waited for the deadline, and says so.
     */
    @Test
    void aHeadThatNeverCompletesRunsIntoTheReadTimeout() throws Exception {
        try (ServerSocket trickler = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread host = new Thread(() -> {
                try (java.net.Socket socket = trickler.accept()) {
                    var out = socket.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    for (int i = 0; i < 50; i++) {
                        out.write('a');
                        out.flush();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    // the client hung up
                }
            }, "trickling-host");
            host.setDaemon(true);
            host.start();
            Probes impatient = probes.with(TestImageCheckConfig.onLoopback().withReadTimeout(Duration.ofMillis(500)));
            long start = System.nanoTime();
            ImageRejected rejected = assertThrows(ImageRejected.class,
                    () -> impatient.run("http://127.0.0.1:" + trickler.getLocalPort() + "/slow.jpg"));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("server 127.0.0.1:" + trickler.getLocalPort() + " sent no complete answer head for 500 ms",
                    rejected.problem());
            assertTrue(tookMillis < 4_000, "ended after " + tookMillis + " ms, not at the 5 s deadline");
        }
    }

    @Test
    void aClosedPortIsReported() throws IOException {
        int port;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = unused.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/a.jpg";
        ImageRejected rejected = assertThrows(ImageRejected.class, () -> probes.run(url));
        assertEquals("could not connect to 127.0.0.1:" + port + " (connection refused)", rejected.problem());
    }

    @Test
    void theByteCapHoldsWhateverTheServerDoes() {
        server.serve("/capped.jpg", bigMetadataHeavyJpeg, ImageBehaviour.normal().ignoringRanges());
        Probes capped = probes.with(TestImageCheckConfig.onLoopback().withMaxBytesPerImage(65_536));
        assertEquals("stopped after reading 65,536 bytes, the limit per image (vod.image-check.max-bytes-per-image)",
                rejection(capped, "/capped.jpg"));
    }

    @Test
    void httpsUsesTheUrlsNameForSniAndVerificationWhileConnectingToTheCheckedAddress() throws ImageRejected {
        try (ImageServer tls = ImageServer.startTls()) {
            AtomicInteger lookups = new AtomicInteger();
            // images.example exists only in this resolver: a client that looked the name up again
            // itself (to connect) could not reach the server
            HostResolver onlyHere = host -> {
                lookups.incrementAndGet();
                if (!host.endsWith(".example")) {
                    return io.vertx.core.Future.failedFuture(new UnknownHostException(host));
                }
                return io.vertx.core.Future.succeededFuture(List.of(InetAddress.getLoopbackAddress()));
            };
            tls.serve("/meta.jpg", metadataHeavyJpeg);
            UrlProbe.Result result = probes.resolvingWith(onlyHere).run(tls.url("images.example", "/meta.jpg"));
            assertEquals(1200, result.image().width());
            assertEquals(1, lookups.get(), "one lookup for " + result.requests() + " requests");
            for (ImageServedRequest request : tls.requests("/meta.jpg")) {
                assertEquals("images.example", request.sni());
                assertEquals("images.example:" + tls.port(), request.host());
            }
            ImageRejected wrongName = assertThrows(ImageRejected.class,
                    () -> probes.resolvingWith(onlyHere).run(tls.url("other.example", "/meta.jpg")));
            assertEquals("TLS certificate of other.example does not name that host", wrongName.problem());
            ImageRejected untrusted = assertThrows(ImageRejected.class, () -> probes
                    .withJdkTrust().run(tls.url("/meta.jpg")));
            assertEquals("TLS certificate of 127.0.0.1 is not trusted", untrusted.problem());
            tls.reset();
            assertEquals(1200, probes.run(tls.url("/meta.jpg")).image().width());
            assertNull(tls.requests("/meta.jpg").get(0).sni(), "no SNI for an address");
        }
    }

    private void assertRejected(String path, String expected) {
        String problem = rejection(probes, path);
        assertTrue(problem.contains(expected), problem);
    }

    private static String rejection(Probes with, String path) {
        return assertThrows(ImageRejected.class, () -> with.run(server.url(path))).problem();
    }

    /** A valid JPEG header padded to {@code size} bytes: the size rule is decided before the padding matters. */
    private static byte[] bigFile(int size) {
        byte[] jpeg = ImageSamples.frontJpeg();
        byte[] big = java.util.Arrays.copyOf(jpeg, size);
        return big;
    }
}
