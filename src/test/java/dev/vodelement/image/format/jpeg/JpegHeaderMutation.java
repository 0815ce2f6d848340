package dev.vodelement.image.format.jpeg;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded damage to a JPEG's header, the bytes before its first scan's data, one to three changes
 * at a time: a random byte or bit anywhere in it, or aimed at what the walk reads (a segment's
 * length, a table's class/index/precision byte or its code counts, the scan's selectors), a
 * segment inserted, repeated or cut out, bytes deleted, the file truncated. Aimed changes make
 * most mutants break one rule; random ones find what no rule names.
 */
final class JpegHeaderMutation {

    private JpegHeaderMutation() {
    }

    static byte[] apply(byte[] jpeg, Random random) {
        byte[] mutant = jpeg;
        int changes = 1 + (random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0);
        for (int i = 0; i < changes; i++) {
            mutant = once(mutant, random);
        }
        return mutant;
    }

    private static byte[] once(byte[] jpeg, Random random) {
        if (jpeg.length < 4) {
            return jpeg;
        }
        List<Segment> segments = segments(jpeg);
        int headerEnd = segments.isEmpty() ? jpeg.length
                : Math.min(jpeg.length, segments.get(segments.size() - 1).end());
        Segment segment = segments.isEmpty() ? null : segments.get(random.nextInt(segments.size()));
        byte[] out = jpeg.clone();
        switch (segment == null ? 0 : random.nextInt(10)) {
            case 0 -> out[2 + random.nextInt(headerEnd - 2)] = (byte) random.nextInt(256);
            case 1 -> out[2 + random.nextInt(headerEnd - 2)] ^= (byte) (1 << random.nextInt(8));
            case 2 -> { // the length field, nudged or replaced
                int length = segment.length() + (random.nextBoolean() ? random.nextInt(7) - 3 : random.nextInt(300));
                out[segment.at() + 2] = (byte) (length >> 8);
                out[segment.at() + 3] = (byte) length;
            }
            case 3, 4 -> { // one of the first bytes of the payload: class/index, precision, counts, selectors
                int offset = segment.at() + 4 + random.nextInt(Math.min(20, Math.max(1, segment.length() - 2)));
                if (offset < out.length) {
                    out[offset] = (byte) (random.nextBoolean() ? out[offset] + random.nextInt(5) - 2
                            : random.nextInt(256));
                }
            }
            case 5 -> { // a table's first byte anywhere in a DHT or DQT holding several
                int offset = segment.at() + 4 + random.nextInt(Math.max(1, segment.length() - 2));
                if (offset < out.length) {
                    out[offset] = (byte) (0x10 * random.nextInt(4) + random.nextInt(6));
                }
            }
            case 6 -> { // a segment inserted after SOI: a DRI, DQT, DHT or DAC of a random length
                int[] markers = {0xDD, 0xDB, 0xC4, 0xCC, 0xE0, 0xEE};
                byte[] payload = new byte[random.nextInt(3) == 0 ? random.nextInt(140) : random.nextInt(6)];
                random.nextBytes(payload);
                if (payload.length > 0 && random.nextBoolean()) {
                    payload[0] = (byte) random.nextInt(0x14);
                }
                return splice(jpeg, 2, 0, dev.vodelement.standin.JpegBuilder.segment(
                        markers[random.nextInt(markers.length)], payload));
            }
            case 7 -> { // a segment repeated before the first scan header, or cut out
                Segment last = segments.get(segments.size() - 1);
                byte[] copy = java.util.Arrays.copyOfRange(jpeg, segment.at(), Math.min(jpeg.length, segment.end()));
                return random.nextBoolean() ? splice(jpeg, last.at(), 0, copy)
                        : splice(jpeg, segment.at(), Math.min(jpeg.length, segment.end()) - segment.at(), new byte[0]);
            }
            case 8 -> { // a few bytes deleted
                int at = 2 + random.nextInt(headerEnd - 2);
                return splice(jpeg, at, Math.min(1 + random.nextInt(8), jpeg.length - at), new byte[0]);
            }
            default -> { // truncated inside the header
                return java.util.Arrays.copyOf(jpeg, 2 + random.nextInt(headerEnd - 2));
            }
        }
        return out;
    }

    private static byte[] splice(byte[] jpeg, int at, int removed, byte[] inserted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + inserted.length);
        out.write(jpeg, 0, at);
        out.writeBytes(inserted);
        out.write(jpeg, at + removed, jpeg.length - at - removed);
        return out.toByteArray();
    }

    /** The segments from SOI to the first scan header included, as far as they can be walked. */
    private static List<Segment> segments(byte[] jpeg) {
        List<Segment> segments = new ArrayList<>();
        int at = 2;
        while (at + 3 < jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            if ((marker >= 0xD0 && marker <= 0xD8) || marker == 0x01 || marker == 0xFF) {
                at += marker == 0xFF ? 1 : 2;
                continue;
            }
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            if (length < 2) {
                break;
            }
            segments.add(new Segment(marker, at, length));
            if (marker == 0xDA) {
                break;
            }
            at += 2 + length;
        }
        return segments;
    }

    private record Segment(int marker, int at, int length) {
        int end() {
            return at + 2 + length;
        }
    }
}
