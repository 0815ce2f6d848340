package dev.vodelement.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import javax.imageio.ImageIO;

import dev.vodelement.element.ImageFacts;
import dev.vodelement.element.ImageReference;
import dev.vodelement.failure.FunctionFailure;
import dev.vodelement.image.ImageRejected;
import dev.vodelement.image.address.HostResolver;
import dev.vodelement.image.format.HeaderProber;
import dev.vodelement.image.inspect.HttpImageInspector;
import dev.vodelement.image.inspect.TestImageCheckConfig;
import dev.vodelement.invocation.InvocationDeadlines;
import dev.vodelement.standin.ImageBehaviour;
import dev.vodelement.standin.ImageSamples;
import dev.vodelement.standin.ImageServedRequest;
import dev.vodelement.standin.ImageServer;
import dev.vodelement.standin.StandaloneVertx;

/**
 * What checking an image costs, measured on the wire by the server: bytes and round trips of this
 * validator against a naive one that downloads the whole file and then reads its size; and the
 * wall time of a 4-image request against a 1-image request when every answer takes 200 ms.
 * Run with bench/image-probe.sh. Figures are printed, not asserted.
 */
public final class ImageProbeBenchmark {

    private record Case(String path, String what, byte[] bytes, ImageBehaviour how) {
    }

    private ImageProbeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("Generating images (deterministic)...");
        List<Case> cases = cases();
        try (ImageServer server = ImageServer.start();
                HttpImageInspector inspector = new HttpImageInspector(TestImageCheckConfig.onLoopback(),
                        HostResolver.of(StandaloneVertx.get()), ImageServer.clientTls(),
                        InvocationDeadlines.defaults(), StandaloneVertx.get())) {
            for (Case c : cases) {
                server.serve(c.path(), c.bytes(), c.how());
            }
            bytesAndRoundTrips(server, inspector, cases);
            latency(server, inspector, cases);
        }
    }

    private static void bytesAndRoundTrips(ImageServer server, HttpImageInspector inspector, List<Case> cases)
            throws Exception {
        HttpClient naive = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        System.out.println();
        System.out.println("Bytes on the wire per image (counted by the server, response heads included)");
        System.out.printf(Locale.ROOT, "%-16s %-52s %11s %11s %10s %6s %11s %9s%n", "image", "what", "file bytes",
                "dims known", "validator", "trips", "naive", "saved");
        long totalOurs = 0;
        long totalNaive = 0;
        long totalFiles = 0;
        int totalTrips = 0;
        for (Case c : cases) {
            server.reset();
            String verdict = verdict(inspector, server.url(c.path()));
            List<ImageServedRequest> ours = server.requests(c.path());
            long ourBytes = ours.stream().mapToLong(ImageServedRequest::bytesSent).sum();

            server.reset();
            HttpResponse<byte[]> whole = naive.send(HttpRequest.newBuilder(URI.create(server.url(c.path()))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            ImageIO.read(new ByteArrayInputStream(whole.body())); // what a naive validator does next
            long naiveBytes = server.bytesSent(c.path());

            String needed;
            try {
                needed = String.format(Locale.ROOT, "%,d", HeaderProber.probe(new ByteArrayInputStream(c.bytes()))
                        .bytesNeeded());
            } catch (ImageRejected e) {
                needed = "-";
            }
            System.out.printf(Locale.ROOT, "%-16s %-52s %,11d %11s %,10d %6d %,11d %8.1f%%%n", c.path().substring(1),
                    c.what(), c.bytes().length, needed, ourBytes, ours.size(), naiveBytes,
                    100.0 * (naiveBytes - ourBytes) / naiveBytes);
            System.out.println("                 -> " + verdict);
            totalOurs += ourBytes;
            totalNaive += naiveBytes;
            totalFiles += c.bytes().length;
            totalTrips += ours.size();
        }
        System.out.printf(Locale.ROOT, "%-16s %-52s %,11d %11s %,10d %6d %,11d %8.1f%%%n", "TOTAL",
                cases.size() + " images", totalFiles, "", totalOurs, totalTrips, totalNaive,
                100.0 * (totalNaive - totalOurs) / totalNaive);
        System.out.println("'dims known': offset at which the dimensions are known (the least any prober must read"
                + " from the start); 'trips': HTTP requests of this validator; 'naive': GET of the whole file.");
        System.out.println("Loopback caveat: when a server ignores ranges, what it sends before the validator hangs"
                + " up includes what the kernel's socket buffers absorbed.");
    }

    private static String verdict(HttpImageInspector inspector, String url) {
        try {
            ImageFacts facts = inspector.inspect(List.of(new ImageReference("ElementFrontalImage", url))).get(0);
            return "valid: " + facts.format() + " " + facts.width() + " x " + facts.height() + ", "
                    + String.format(Locale.ROOT, "%,d", facts.bytes()) + " bytes";
        } catch (FunctionFailure e) {
            return "rejected: " + e.getMessage().substring(e.getMessage().indexOf("): ") + 3);
        }
    }

    private static void latency(ImageServer server, HttpImageInspector inspector, List<Case> cases) {
        Duration latency = Duration.ofMillis(200);
        server.latency(latency);
        for (int i = 1; i <= 4; i++) {
            server.serve("/photo-" + i + ".jpg", cases.get(0).bytes());
        }
        List<ImageReference> photos = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            photos.add(new ImageReference(i == 1 ? "ElementFrontalImage" : "ElementReferList[" + (i - 2) + "].ImageUrl",
                    server.url("/photo-" + i + ".jpg")));
        }
        List<ImageReference> mixed = List.of(
                new ImageReference("ElementFrontalImage", server.url("/camera.jpg")),
                new ImageReference("ElementReferList[0].ImageUrl", server.url("/photoshop.jpg")),
                new ImageReference("ElementReferList[1].ImageUrl", server.url("/progressive.jpg")),
                new ImageReference("ElementReferList[2].ImageUrl", server.url("/icc-text.png")));
        inspector.inspect(photos.subList(0, 1)); // warm-up
        int runs = 5;
        long[] single = new long[runs];
        long[] four = new long[runs];
        long[] mixedFour = new long[runs];
        for (int i = 0; i < runs; i++) {
            single[i] = timed(inspector, photos.subList(0, 1));
            four[i] = timed(inspector, photos);
            mixedFour[i] = timed(inspector, mixed);
        }
        System.out.println();
        System.out.println("Wall time with " + latency.toMillis() + " ms server latency per response (median of "
                + runs + " runs)");
        long slowestAlone = 0;
        long sumAlone = 0;
        for (ImageReference reference : mixed) {
            server.reset();
            long alone = timed(inspector, List.of(reference));
            System.out.printf(Locale.ROOT, "  alone: %-16s %5d ms, %d round trips%n",
                    reference.url().substring(reference.url().lastIndexOf('/') + 1), alone, server.requests().size());
            slowestAlone = Math.max(slowestAlone, alone);
            sumAlone += alone;
        }
        server.latency(Duration.ZERO);
        System.out.printf(Locale.ROOT, "  1 image  (camera.jpg, 3 round trips):           %5d ms%n", median(single));
        System.out.printf(Locale.ROOT, "  4 images (four copies of camera.jpg):          %5d ms   ratio 4/1: %.2f%n",
                median(four), (double) median(four) / median(single));
        System.out.printf(Locale.ROOT, "  4 mixed images (camera, photoshop, progressive, icc-text): %5d ms%n",
                median(mixedFour));
        System.out.printf(Locale.ROOT, "      the slowest of them alone: %5d ms (ratio %.2f); one after the other: %5d ms%n",
                slowestAlone, (double) median(mixedFour) / slowestAlone, sumAlone);
    }

    private static long timed(HttpImageInspector inspector, List<ImageReference> references) {
        long start = System.nanoTime();
        inspector.inspect(references);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static List<Case> cases() throws IOException {
        byte[] exif = ImageSamples.exifWithThumbnail(ImageSamples.jpeg(160, 120), 56_000);
        byte[] cameraPhoto = ImageSamples.withoutJfif(ImageSamples.noiseJpeg(2400, 1800, 0.9f, 1));
        byte[] camera = ImageSamples.withSegmentsAfterSoi(cameraPhoto, exif, ImageSamples.xmp(30_000),
                ImageSamples.icc(130_000));
        byte[] photoshop = ImageSamples.withSegmentsAfterSoi(
                ImageSamples.withoutJfif(ImageSamples.noiseJpeg(1800, 1200, 0.9f, 2)), ImageSamples.xmp(20_000),
                ImageSamples.extendedXmp(850_000), ImageSamples.icc(3_144));
        byte[] progressive = ImageSamples.progressiveJpeg(3000, 2000);
        byte[] web = ImageSamples.jpeg(1200, 800);
        byte[] iccText = ImageSamples.withChunksAfterIhdr(ImageSamples.png(1600, 1200), iccp(), itxt(1_000_000));
        byte[] noisePng = ImageSamples.noisePng(1800, 1600, 3);
        byte[] overLimit = ImageSamples.noisePng(2200, 1800, 4);
        ImageBehaviour ranged = ImageBehaviour.normal();
        return List.of(
                new Case("/camera.jpg", "JPEG 2400x1800, EXIF+thumb 60K, XMP 30K, ICC 130K", camera, ranged),
                new Case("/photoshop.jpg", "JPEG, Photoshop extended XMP: SOF beyond 800 KB", photoshop, ranged),
                new Case("/progressive.jpg", "progressive JPEG 3000x2000", progressive, ranged),
                new Case("/web.jpg", "baseline JPEG 1200x800, JFIF", web, ranged),
                new Case("/icc-text.png", "PNG 1600x1200, iCCP + 1 MB iTXt after IHDR", iccText, ranged),
                new Case("/noise.png", "PNG 1800x1600 of noise (8-9 MB)", noisePng, ranged),
                new Case("/over-limit.png", "PNG 2200x1800 of noise, over 10 MiB", overLimit, ranged),
                new Case("/camera-200.jpg", "camera.jpg from a server that ignores ranges", camera,
                        ranged.ignoringRanges()),
                new Case("/chunked.png", "icc-text.png, no ranges, chunked, no length", iccText,
                        ranged.ignoringRanges().framed(ImageBehaviour.Framing.CHUNKED)));
    }

    /** An iCCP chunk holding the sRGB profile, as image editors write it. */
    private static byte[] iccp() throws IOException {
        byte[] profile = java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB).getData();
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        data.writeBytes("sRGB IEC61966-2.1\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        try (DeflaterOutputStream z = new DeflaterOutputStream(data, new Deflater(9))) {
            z.write(profile);
        }
        return ImageSamples.chunk("iCCP", data.toByteArray());
    }

    /** An iTXt chunk of XMP, the way cameras and editors embed metadata in PNG. */
    private static byte[] itxt(int size) {
        byte[] head = "XML:com.adobe.xmp\0\0\0\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] data = Arrays.copyOf(head, size);
        Arrays.fill(data, head.length, size, (byte) ' ');
        return ImageSamples.chunk("iTXt", data);
    }
}
