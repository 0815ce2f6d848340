package dev.vodelement.image.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vodelement.element.ImageFacts;
import dev.vodelement.element.ImageReference;
import dev.vodelement.failure.FailureKind;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.failure.Violation;
import dev.vodelement.image.address.HostResolver;
import dev.vodelement.invocation.InvocationDeadlines;
import dev.vodelement.standin.ImageBehaviour;
import dev.vodelement.standin.ImageSamples;
import dev.vodelement.standin.ImageServer;
import dev.vodelement.standin.StandaloneVertx;

/** All images of a request, checked together: facts in order, every failure in one answer, in parallel. */
class HttpImageInspectorTest {

    private static final String FRONTAL = "ElementFrontalImage";
    private static ImageServer server;
    private static HttpImageInspector inspector;

    @BeforeAll
    static void start() {
        server = ImageServer.start();
        server.serve("/narrow.png", ImageSamples.png(299, 400));
        server.serve("/wide.png", ImageSamples.png(751, 300));
        server.serve("/just-wide-enough.png", ImageSamples.png(750, 300));
        server.serve("/photo.webp", "RIFF\u0024\u0000\u0000\u0000WEBPVP8 ....".getBytes(),
                ImageBehaviour.normal().typed("image/jpeg"));
        inspector = new HttpImageInspector(TestImageCheckConfig.onLoopback(), HostResolver.of(StandaloneVertx.get()),
                ImageServer.clientTls(), InvocationDeadlines.defaults(), StandaloneVertx.get());
    }

    @AfterAll
    static void stop() {
        inspector.close();
        server.close();
    }

    @Test
    void validImagesGiveTheirFactsInRequestOrder() {
        List<ImageFacts> facts = inspector.inspect(List.of(
                new ImageReference(FRONTAL, server.url(ImageServer.FRONT_JPEG)),
                new ImageReference("ElementReferList[0].ImageUrl", server.url(ImageServer.SIDE_PNG)),
                new ImageReference("ElementReferList[1].ImageUrl", server.url("/just-wide-enough.png"))));
        assertEquals(new ImageFacts(FRONTAL, server.url(ImageServer.FRONT_JPEG), "JPEG", 768, 1024,
                ImageSamples.frontJpeg().length), facts.get(0));
        assertEquals(new ImageFacts("ElementReferList[0].ImageUrl", server.url(ImageServer.SIDE_PNG), "PNG", 1024,
                768, ImageSamples.sidePng().length), facts.get(1));
        assertEquals(750, facts.get(2).width());
    }

    @Test
    void everyBrokenImageIsReportedInOneFailure() {
        server.status("/missing.jpg", 404);
        FunctionFailure failure = assertThrows(FunctionFailure.class, () -> inspector.inspect(List.of(
                new ImageReference(FRONTAL, server.url("/photo.webp")),
                new ImageReference("ElementReferList[0].ImageUrl", server.url(ImageServer.SIDE_PNG)),
                new ImageReference("ElementReferList[1].ImageUrl", server.url("/missing.jpg")),
                new ImageReference("ElementReferList[2].ImageUrl", server.url("/wide.png")))));
        assertEquals(FailureKind.INVALID_REQUEST, failure.kind());
        assertEquals(List.of(
                new Violation("InvalidParameterValue.ElementFrontalImage",
                        "ElementFrontalImage (" + server.url("/photo.webp") + "): format is WEBP, not JPEG or PNG",
                        server.url("/photo.webp"), false),
                new Violation("InvalidParameterValue.ElementReferList",
                        "ElementReferList[1].ImageUrl (" + server.url("/missing.jpg") + "): HTTP 404 from "
                                + server.url("/missing.jpg"), server.url("/missing.jpg"), false),
                new Violation("InvalidParameterValue.ElementReferList",
                        "ElementReferList[2].ImageUrl (" + server.url("/wide.png")
                                + "): aspect ratio 2.51:1 (751 x 300 px) exceeds 2.5:1", server.url("/wide.png"), false)),
                failure.violations());
        assertEquals("InvalidParameterValue.ElementFrontalImage", failure.code());
    }

    @Test
    void unreachableImagesAreToldApartFromBrokenOnes() {
        server.status("/busy.jpg", 503);
        server.status("/gone.jpg", 404);
        FunctionFailure failure = assertThrows(FunctionFailure.class, () -> inspector.inspect(List.of(
                new ImageReference(FRONTAL, server.url("/busy.jpg")),
                new ImageReference("ElementReferList[0].ImageUrl", server.url("/gone.jpg")),
                new ImageReference("ElementReferList[1].ImageUrl", "http://127.0.0.1:1/refused.jpg"))));
        assertEquals(List.of(true, false, true), failure.violations().stream().map(Violation::unreachable).toList());
    }

    @Test
    void anImageBreakingTwoRulesIsReportedForBoth() {
        server.serve("/tiny.png", ImageSamples.png(100, 400));
        FunctionFailure failure = assertThrows(FunctionFailure.class,
                () -> inspector.inspect(List.of(new ImageReference(FRONTAL, server.url("/tiny.png")))));
        assertEquals(List.of("width 100 px is below 300 px", "aspect ratio 4:1 (100 x 400 px) exceeds 2.5:1"),
                failure.violations().stream().map(v -> v.message().substring(v.message().indexOf("): ") + 3)).toList());
    }

    @Test
    void signaturesAndPasswordsInUrlsNeverReachMessagesOrFacts() {
        String signed = server.url(ImageServer.FRONT_JPEG + "?q-ak=AKIDsecret&q-signature=deadbeefcafe");
        List<ImageFacts> facts = inspector.inspect(List.of(new ImageReference(FRONTAL, signed)));
        assertFalse(facts.get(0).url().contains("deadbeef") || facts.get(0).url().contains("AKIDsecret"),
                facts.get(0).url());
        FunctionFailure failure = assertThrows(FunctionFailure.class, () -> inspector.inspect(List.of(
                new ImageReference(FRONTAL, "http://user:hunter2@127.0.0.1:" + server.port() + "/x.jpg"),
                new ImageReference("ElementReferList[0].ImageUrl", server.url("/nothing.jpg?q-signature=deadbeef")))));
        assertEquals("ElementFrontalImage (http://***@127.0.0.1:" + server.port()
                + "/x.jpg): URL must not carry user info (user:password@)", failure.violations().get(0).message());
        assertFalse(failure.getMessage().contains("hunter2") || failure.getMessage().contains("deadbeef"),
                failure.getMessage());
    }

    @Test
    void loopbackIsRefusedWhenPrivateNetworksAreNotAllowed() {
        try (HttpImageInspector guarded = new HttpImageInspector(
                TestImageCheckConfig.onLoopback().withPrivateNetworksAllowed(false), HostResolver.of(StandaloneVertx.get()),
                ImageServer.clientTls(), InvocationDeadlines.defaults(), StandaloneVertx.get())) {
            FunctionFailure failure = assertThrows(FunctionFailure.class, () -> guarded.inspect(List.of(
                    new ImageReference(FRONTAL, server.url(ImageServer.FRONT_JPEG)),
                    new ImageReference("ElementReferList[0].ImageUrl", server.url("localhost", "/x.jpg")))));
            assertEquals("ElementFrontalImage (" + server.url(ImageServer.FRONT_JPEG)
                    + "): host 127.0.0.1 is a loopback address (127.0.0.1)", failure.violations().get(0).message());
            assertTrue(failure.violations().get(1).message().contains("host localhost resolves to a loopback address"));
        }
    }

    @Test
    void aSlowImageTimesOutWithoutHidingTheOthersVerdicts() {
        // the deadline leaves the healthy images 3 s, however busy the machine; the sluggish one takes 10
        server.serve("/sluggish.jpg", ImageSamples.frontJpeg(), ImageBehaviour.normal().delayed(Duration.ofSeconds(10)));
        try (HttpImageInspector hurried = new HttpImageInspector(
                TestImageCheckConfig.onLoopback().withDeadline(Duration.ofSeconds(3)), HostResolver.of(StandaloneVertx.get()),
                ImageServer.clientTls(), InvocationDeadlines.defaults(), StandaloneVertx.get())) {
            FunctionFailure failure = assertThrows(FunctionFailure.class, () -> hurried.inspect(List.of(
                    new ImageReference(FRONTAL, server.url(ImageServer.FRONT_JPEG)),
                    new ImageReference("ElementReferList[0].ImageUrl", server.url("/sluggish.jpg")),
                    new ImageReference("ElementReferList[1].ImageUrl", server.url("/narrow.png")))));
            assertEquals(List.of(
                    "ElementReferList[0].ImageUrl (" + server.url("/sluggish.jpg") + "): timed out after 3 s",
                    "ElementReferList[1].ImageUrl (" + server.url("/narrow.png") + "): width 299 px is below 300 px"),
                    failure.violations().stream().map(Violation::message).toList());
        }
    }

    /**
     * A behavioural check, not a benchmark (bench/image-probe.sh measures the times): four images
     * whose server holds each answer for 1.5 s must all be in flight at once. Probed one after the
     * other, the server would never see more than one, however fast or slow the machine.
     */
    @Test
    void theImagesOfARequestAreProbedAtTheSameTime() {
        ImageBehaviour slow = ImageBehaviour.normal().delayed(Duration.ofMillis(1500));
        for (int i = 0; i < 4; i++) {
            server.serve("/slow-" + i + ".jpg", ImageSamples.frontJpeg(), slow);
        }
        server.reset();
        timed(List.of(
                new ImageReference(FRONTAL, server.url("/slow-0.jpg")),
                new ImageReference("ElementReferList[0].ImageUrl", server.url("/slow-1.jpg")),
                new ImageReference("ElementReferList[1].ImageUrl", server.url("/slow-2.jpg")),
                new ImageReference("ElementReferList[2].ImageUrl", server.url("/slow-3.jpg"))));
        assertEquals(4, server.peakConcurrency(), "all four requests were being answered at once");
    }

    private static long timed(List<ImageReference> references) {
        long start = System.nanoTime();
        assertEquals(references.size(), inspector.inspect(references).size());
        return (System.nanoTime() - start) / 1_000_000;
    }
}
