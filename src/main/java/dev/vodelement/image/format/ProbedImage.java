package dev.vodelement.image.format;

/**
 * What the prober learned from an image's first bytes.
 *
 * @param bytesNeeded how many bytes from the start of the file were needed to know the dimensions:
 *        the physical minimum any prober must read
 */
public record ProbedImage(ImageFormat format, int width, int height, long bytesNeeded) {
}
