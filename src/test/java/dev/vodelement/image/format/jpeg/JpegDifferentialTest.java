package dev.vodelement.image.format.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.junit.jupiter.api.Test;

import dev.vodelement.image.ImageRejected;
import dev.vodelement.image.format.ImageFormat;
import dev.vodelement.image.format.ProbedImage;
import dev.vodelement.image.format.Probing;
import dev.vodelement.standin.ImageSamples;

/**
 * The prober against the JDK's JPEG reader (libjpeg 6b) on mutated copies of real JPEGs: every
 * file the prober accepts, the JDK's header read ({@code getWidth}/{@code getHeight}, which runs
 * {@code jpeg_read_header}) reads with the same dimensions. The prober may refuse more, but only
 * what the JDK then fails to decode (what libjpeg refuses when decoding starts), except a file
 * that ends inside its first scan header: libjpeg makes up the missing bytes and decodes a grey
 * image, the prober refuses a file with no image data.
 *
 * <p>Mutations hit the header only (the bytes before the first scan's data): the walk never
 * reads past it. The seed is fixed, so a failure names a reproducible mutant.
 */
class JpegDifferentialTest {

    private static final long SEED = 20L;
    private static final int MUTANTS = 3_000;
    /** Scan data kept after the first scan header: the header read needs none, decoders some. */
    private static final int SCAN_DATA_KEPT = 64;

    @Test
    void everyMutantTheProberAcceptsTheJdkReaderReadsWithTheSameDimensions() throws IOException {
        List<byte[]> sources = List.of(ImageSamples.frontJpeg(), ImageSamples.jpeg(640, 480),
                ImageSamples.progressiveJpeg(500, 700), ImageSamples.noiseJpeg(400, 300, 0.5f, 7),
                ImageSamples.withSegmentsAfterSoi(ImageSamples.withoutJfif(ImageSamples.jpeg(600, 800)),
                        ImageSamples.exifWithThumbnail(ImageSamples.jpeg(160, 120), 200)));
        Random random = new Random(SEED);
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, Integer> refusedOnlyByUs = new TreeMap<>();
        Map<String, Integer> refusedByBoth = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int n = 0; n < MUTANTS; n++) {
            byte[] source = sources.get(n % sources.size());
            byte[] mutant = JpegHeaderMutation.apply(headerOnly(source), random);
            Verdict ours = probeVerdict(mutant);
            Verdict jdk = jdkVerdict(mutant);
            String outcome;
            if (ours.accepted() && jdk.accepted()) {
                outcome = ours.equals(jdk) ? "accepted by both, same dimensions" : "accepted by both, DIFFERENT dimensions";
            } else if (ours.accepted()) {
                outcome = "accepted by us, REFUSED by the JDK";
            } else if (jdk.accepted()) {
                outcome = "refused by us only";
                boolean decodes = jdkDecodes(mutant);
                refusedOnlyByUs.merge((decodes ? "the JDK decodes it: " : "the JDK cannot decode it: ")
                        + rule(ours.why()), 1, Integer::sum);
                if (decodes && !ours.why().contains("before its first scan (SOS)")) {
                    failures.add("mutant " + n + ": refused by us (" + ours.why() + "), decoded by the JDK");
                }
            } else {
                outcome = "refused by both";
                refusedByBoth.merge(rule(ours.why()), 1, Integer::sum);
            }
            counts.merge(outcome, 1, Integer::sum);
            if (outcome.contains("DIFFERENT") || outcome.contains("REFUSED")) {
                failures.add("mutant " + n + ": ours " + ours + ", JDK " + jdk);
            }
        }
        System.out.println("JPEG differential test, " + MUTANTS + " mutants, seed " + SEED + ": " + counts);
        refusedByBoth.forEach((why, count) -> System.out.println("  refused by both, " + count + "x: " + why));
        refusedOnlyByUs.forEach((why, count) -> System.out.println("  refused by us only, " + count + "x: " + why));
        failures.stream().limit(20).forEach(failure -> System.out.println("  " + failure));
        assertEquals(MUTANTS, counts.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(failures.isEmpty(), failures.size() + " mutants judged otherwise by the JDK: "
                + failures.subList(0, Math.min(5, failures.size())));
        assertTrue(counts.getOrDefault("accepted by both, same dimensions", 0) > MUTANTS / 10, "mutants are not all"
                + " broken: " + counts);
        assertTrue(counts.getOrDefault("refused by both", 0) > MUTANTS / 10, "mutants do break headers: " + counts);
    }

    /** Our refusal with its numbers taken out: the rule. */
    private static String rule(String why) {
        return why.replaceAll("(FF |table )[0-9A-F]{2}(?=[: ])", "$1##").replaceAll("\\d+", "#");
    }

    /** The file up to its first scan header and a little scan data after it, then EOI. */
    private static byte[] headerOnly(byte[] jpeg) throws IOException {
        ProbedImage probed = Probing.probe(jpeg);
        int end = (int) Math.min(jpeg.length - 2, probed.bytesNeeded() + SCAN_DATA_KEPT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, end);
        out.write(0xFF);
        out.write(0xD9);
        return out.toByteArray();
    }

    private static Verdict probeVerdict(byte[] jpeg) {
        try {
            ProbedImage probed = Probing.probe(jpeg);
            if (probed.format() != ImageFormat.JPEG) {
                return Verdict.refused("not a JPEG: " + probed.format());
            }
            return Verdict.accepted(probed.width(), probed.height());
        } catch (ImageRejected e) {
            return Verdict.refused(e.problem());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Verdict jdkVerdict(byte[] jpeg) {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in);
            return Verdict.accepted(reader.getWidth(0), reader.getHeight(0));
        } catch (IOException | RuntimeException e) {
            return Verdict.refused(e.toString());
        } finally {
            reader.dispose();
        }
    }

    /** Whether the JDK's reader decodes the whole image (it warns about, and fills in, data that is missing). */
    private static boolean jdkDecodes(byte[] jpeg) {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in);
            return reader.read(0) != null;
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            reader.dispose();
        }
    }

    private record Verdict(boolean accepted, int width, int height, String why) {
        static Verdict accepted(int width, int height) {
            return new Verdict(true, width, height, "");
        }

        static Verdict refused(String why) {
            return new Verdict(false, 0, 0, why);
        }
    }
}
