package dev.vodelement.image.format;

import java.io.IOException;
import java.io.InputStream;

import dev.vodelement.image.ImageRejected;
import dev.vodelement.image.format.jpeg.JpegProber;

/**
 * Decides an image's format from its magic bytes and, for JPEG and PNG, its width and height,
 * reading from the start of the stream and stopping as soon as it knows. It never decodes pixels
 * (a 76 KB PNG can declare 20000 x 20000) and never keeps a segment's payload: skipped bytes go
 * through {@link InputStream#skip}, which a ranged HTTP stream turns into a jump.
 */
public final class HeaderProber {

    private HeaderProber() {
    }

    /**
     * @throws ImageRejected when the bytes are not a JPEG or PNG whose dimensions can be read
     * @throws IOException when the stream itself fails
     */
    public static ProbedImage probe(InputStream stream) throws IOException, ImageRejected {
        ImageBytes in = new ImageBytes(stream);
        byte[] head = in.peek(FormatSniffer.SIGNATURE_BYTES);
        if (head.length == 0) {
            throw new ImageRejected("image is empty (0 bytes)");
        }
        ImageFormat format = FormatSniffer.binaryFormat(head);
        if (format == ImageFormat.JPEG) {
            return JpegProber.probe(in);
        }
        if (format == ImageFormat.PNG) {
            return PngProber.probe(in);
        }
        if (format == ImageFormat.UNKNOWN) {
            format = FormatSniffer.markupFormat(in.peek(ImageBytes.MAX_PEEK));
        }
        if (format == ImageFormat.UNKNOWN) {
            throw new ImageRejected("format is not recognised (first bytes " + FormatSniffer.hex(head, 8)
                    + "), not JPEG or PNG");
        }
        throw new ImageRejected("format is " + format.displayName() + ", not JPEG or PNG");
    }
}
