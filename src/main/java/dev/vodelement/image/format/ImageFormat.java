package dev.vodelement.image.format;

/**
 * Formats recognised from their first bytes. Only JPEG and PNG are accepted; the others are named
 * so that a caller learns what the URL really points at ("format is WEBP, not JPEG or PNG").
 */
public enum ImageFormat {
    JPEG("JPEG"),
    PNG("PNG"),
    GIF("GIF"),
    BMP("BMP"),
    WEBP("WEBP"),
    TIFF("TIFF"),
    HEIC("HEIC"),
    HEIF("HEIF"),
    AVIF("AVIF"),
    ISO_MEDIA("ISO media (MP4/MOV)"),
    JPEG_2000("JPEG 2000"),
    JPEG_XL("JPEG XL"),
    ICO("ICO"),
    PSD("PSD"),
    PDF("PDF"),
    GZIP("gzip"),
    SVG("SVG"),
    HTML("HTML"),
    XML("XML"),
    UNKNOWN("unknown");

    private final String displayName;

    ImageFormat(String displayName) {
        this.displayName = displayName;
    }

    /** The name used in messages and in {@code ImageFacts.Format}. */
    public String displayName() {
        return displayName;
    }
}
