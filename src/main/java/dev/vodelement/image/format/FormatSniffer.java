package dev.vodelement.image.format;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Tells an image's format from its first bytes, never from the file extension or
 * {@code Content-Type}, which are often wrong (a WEBP served as {@code image/jpeg} is common).
 */
final class FormatSniffer {

    /** Enough for every binary signature below (ISO media brands sit at bytes 8-11). */
    static final int SIGNATURE_BYTES = 12;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final Set<String> AVIF_BRANDS = Set.of("avif", "avis");
    private static final Set<String> HEIC_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "hevm",
            "hevs");
    private static final Set<String> HEIF_BRANDS = Set.of("mif1", "msf1");

    private FormatSniffer() {
    }

    /** The format whose binary signature the first bytes carry; {@link ImageFormat#UNKNOWN} if none. */
    static ImageFormat binaryFormat(byte[] head) {
        // SOI alone: libjpeg requires FF D8 first, then skips stray bytes before the next marker
        // (with a warning) and decodes the file; the JPEG prober walks the same way.
        if (startsWith(head, 0xFF, 0xD8)) {
            return ImageFormat.JPEG;
        }
        if (startsWith(head, PNG_SIGNATURE)) {
            return ImageFormat.PNG;
        }
        if (startsWith(head, "GIF87a") || startsWith(head, "GIF89a")) {
            return ImageFormat.GIF;
        }
        if (startsWith(head, "RIFF") && ascii(head, 8, 4).equals("WEBP")) {
            return ImageFormat.WEBP;
        }
        if (startsWith(head, "II*\0") || startsWith(head, "MM\0*") || startsWith(head, "II+\0")
                || startsWith(head, "MM\0+")) {
            return ImageFormat.TIFF;
        }
        if (ascii(head, 4, 4).equals("ftyp")) {
            String brand = ascii(head, 8, 4);
            if (AVIF_BRANDS.contains(brand)) {
                return ImageFormat.AVIF;
            }
            if (HEIC_BRANDS.contains(brand)) {
                return ImageFormat.HEIC;
            }
            if (HEIF_BRANDS.contains(brand)) {
                return ImageFormat.HEIF;
            }
            return ImageFormat.ISO_MEDIA;
        }
        if (startsWith(head, 0x00, 0x00, 0x00, 0x0C, 'j', 'P', ' ', ' ') || startsWith(head, 0xFF, 0x4F, 0xFF, 0x51)) {
            return ImageFormat.JPEG_2000;
        }
        if (startsWith(head, 0xFF, 0x0A) || startsWith(head, 0x00, 0x00, 0x00, 0x0C, 'J', 'X', 'L', ' ')) {
            return ImageFormat.JPEG_XL;
        }
        if (startsWith(head, "BM")) {
            return ImageFormat.BMP;
        }
        if (startsWith(head, 0x00, 0x00, 0x01, 0x00)) {
            return ImageFormat.ICO;
        }
        if (startsWith(head, "8BPS")) {
            return ImageFormat.PSD;
        }
        if (startsWith(head, "%PDF")) {
            return ImageFormat.PDF;
        }
        if (startsWith(head, 0x1F, 0x8B)) {
            return ImageFormat.GZIP;
        }
        return ImageFormat.UNKNOWN;
    }

    /** For an unknown binary start: SVG, HTML or XML from the first tag, else unknown. */
    static ImageFormat markupFormat(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int start = text.startsWith("\u00ef\u00bb\u00bf") ? 3 : 0;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        if (!text.startsWith("<", start)) {
            return ImageFormat.UNKNOWN;
        }
        if (text.contains("<svg") || text.contains("<!doctype svg")) {
            return ImageFormat.SVG;
        }
        if (text.contains("<!doctype html") || text.contains("<html") || text.contains("<head")
                || text.contains("<body")) {
            return ImageFormat.HTML;
        }
        return ImageFormat.XML;
    }

    /** The first bytes in hex, for a message about an unrecognised format. */
    static String hex(byte[] head, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(count, head.length); i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(String.format("%02X", head[i] & 0xFF));
        }
        return out.toString();
    }

    private static boolean startsWith(byte[] head, int... bytes) {
        if (head.length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xFF) != (bytes[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] head, byte[] bytes) {
        int[] unsigned = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            unsigned[i] = bytes[i] & 0xFF;
        }
        return startsWith(head, unsigned);
    }

    private static boolean startsWith(byte[] head, String ascii) {
        return startsWith(head, ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String ascii(byte[] head, int offset, int count) {
        if (head.length < offset + count) {
            return "";
        }
        return new String(head, offset, count, StandardCharsets.ISO_8859_1);
    }
}
