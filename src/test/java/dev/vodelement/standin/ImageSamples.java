package dev.vodelement.standin;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Real images for tests and the benchmark, made with the JDK's ImageIO (test code only: the
 * function itself never decodes images), and the surgery that turns them into the hard cases: big
 * EXIF/XMP/ICC segments before a JPEG's frame header, chunks around a PNG's IHDR.
 */
public final class ImageSamples {

    /** The sample images, relative to the project root (the tests' working directory). */
    public static final Path SAMPLES = Path.of("samples/images");

    private ImageSamples() {
    }

    /** samples/images/front.jpg: 768 x 1024, baseline JPEG. */
    public static byte[] frontJpeg() {
        return sample("front.jpg");
    }

    /** samples/images/side.png: 1024 x 768, RGB PNG. */
    public static byte[] sidePng() {
        return sample("side.png");
    }

    /** A baseline JPEG of a gradient, JFIF APP0 first, as ImageIO writes it. */
    public static byte[] jpeg(int width, int height) {
        return jpeg(gradient(width, height, BufferedImage.TYPE_INT_RGB), false, 0.85f);
    }

    /** A progressive (SOF2) JPEG. */
    public static byte[] progressiveJpeg(int width, int height) {
        return jpeg(gradient(width, height, BufferedImage.TYPE_INT_RGB), true, 0.85f);
    }

    /** A JPEG of random noise: big for its size, as photos are. */
    public static byte[] noiseJpeg(int width, int height, float quality, long seed) {
        return jpeg(noise(width, height, seed), false, quality);
    }

    public static byte[] png(int width, int height) {
        return png(gradient(width, height, BufferedImage.TYPE_INT_RGB), false);
    }

    /** A PNG of the given {@link BufferedImage} type (e.g. TYPE_BYTE_INDEXED for a palette, TYPE_USHORT_GRAY for 16-bit). */
    public static byte[] png(int width, int height, int imageType, boolean interlaced) {
        return png(gradient(width, height, imageType), interlaced);
    }

    /** A PNG of random noise, which does not compress: about 3 bytes per pixel. */
    public static byte[] noisePng(int width, int height, long seed) {
        return png(noise(width, height, seed), false);
    }

    /** The JPEG with these segments inserted right after its SOI marker. */
    public static byte[] withSegmentsAfterSoi(byte[] jpeg, byte[]... segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
        out.write(jpeg, 0, 2);
        for (byte[] segment : segments) {
            out.writeBytes(segment);
        }
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** The JPEG without its JFIF APP0 segment (camera files start with APP1 Exif instead). */
    public static byte[] withoutJfif(byte[] jpeg) {
        if ((jpeg[2] & 0xFF) != 0xFF || (jpeg[3] & 0xFF) != 0xE0) {
            return jpeg;
        }
        int length = ((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF);
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
        out.write(jpeg, 0, 2);
        out.write(jpeg, 4 + length, jpeg.length - 4 - length);
        return out.toByteArray();
    }

    /**
     * An APP1 Exif segment as cameras write it: a TIFF structure whose IFD1 points at a JPEG
     * thumbnail, so the segment contains a complete JPEG with its own frame header; padded to
     * {@code padding} extra bytes of maker notes.
     */
    public static byte[] exifWithThumbnail(byte[] thumbnail, int padding) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 18 + 30 + padding + thumbnail.length);
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        // IFD0: Orientation = 1, next IFD at 26
        tiff.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 1)
                .putShort((short) 0).putInt(26);
        int thumbnailAt = 26 + 30 + padding;
        // IFD1: JPEGInterchangeFormat, JPEGInterchangeFormatLength, no next IFD
        tiff.putShort((short) 2).putShort((short) 0x0201).putShort((short) 4).putInt(1).putInt(thumbnailAt)
                .putShort((short) 0x0202).putShort((short) 4).putInt(1).putInt(thumbnail.length).putInt(0);
        tiff.put(new byte[padding]).put(thumbnail);
        return JpegBuilder.segment(0xE1, concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff.array()));
    }

    /** An APP1 XMP packet of about {@code size} bytes. */
    public static byte[] xmp(int size) {
        String head = "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><!-- ";
        String tail = " --></x:xmpmeta>";
        int fill = Math.max(0, Math.min(65533, size) - head.length() - tail.length());
        return JpegBuilder.segment(0xE1, (head + "x".repeat(fill) + tail).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Photoshop extended XMP: as many full APP1 segments as {@code size} needs (can push the frame header past 800 KB). */
    public static byte[] extendedXmp(int size) {
        byte[] id = "http://ns.adobe.com/xmp/extension/\0".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 1024);
        int chunk = 65533 - id.length - 40;
        for (int offset = 0; offset < size; offset += chunk) {
            int n = Math.min(chunk, size - offset);
            ByteBuffer payload = ByteBuffer.allocate(id.length + 40 + n);
            payload.put(id).put("0123456789ABCDEF0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII))
                    .putInt(size).putInt(offset).put(new byte[n]);
            out.writeBytes(JpegBuilder.segment(0xE1, payload.array()));
        }
        return out.toByteArray();
    }

    /** The sRGB ICC profile in APP2 segments, repeated until about {@code size} bytes (wide-gamut profiles are big). */
    public static byte[] icc(int size) {
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        ByteArrayOutputStream data = new ByteArrayOutputStream(size);
        while (data.size() < size) {
            data.write(profile, 0, Math.min(profile.length, size - data.size()));
        }
        byte[] all = data.toByteArray();
        int chunk = 65533 - 14;
        int count = (all.length + chunk - 1) / chunk;
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 64);
        for (int i = 0; i < count; i++) {
            int n = Math.min(chunk, all.length - i * chunk);
            ByteBuffer payload = ByteBuffer.allocate(14 + n);
            payload.put("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII)).put((byte) (i + 1)).put((byte) count)
                    .put(all, i * chunk, n);
            out.writeBytes(JpegBuilder.segment(0xE2, payload.array()));
        }
        return out.toByteArray();
    }

    /** A PNG chunk with its length and CRC. */
    public static byte[] chunk(String type, byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(12 + data.length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue());
        return out.array();
    }

    /** The PNG with these chunks inserted right after IHDR (bytes 8-32). */
    public static byte[] withChunksAfterIhdr(byte[] png, byte[]... chunks) {
        return insert(png, 33, chunks);
    }

    /** The PNG with these chunks inserted before IHDR (not a conforming PNG any more). */
    public static byte[] withChunksBeforeIhdr(byte[] png, byte[]... chunks) {
        return insert(png, 8, chunks);
    }

    /** A big text chunk, as XMP or comments in an iTXt/tEXt chunk. */
    public static byte[] textChunk(int size) {
        byte[] keyword = "Comment\0".getBytes(StandardCharsets.US_ASCII);
        byte[] text = new byte[Math.max(0, size - keyword.length)];
        java.util.Arrays.fill(text, (byte) 'x');
        return chunk("tEXt", concat(keyword, text));
    }

    private static byte[] insert(byte[] file, int at, byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length);
        out.write(file, 0, at);
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        out.write(file, at, file.length - at);
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static BufferedImage gradient(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 200), width, height, new Color(240, 180, 40)));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    private static BufferedImage noise(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = random.nextInt(0x1000000);
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    private static byte[] jpeg(BufferedImage image, boolean progressive, float quality) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            return write(writer, param, image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] png(BufferedImage image, boolean interlaced) {
        try {
            ImageWriter writer = ImageIO.getImageWriters(ImageTypeSpecifier.createFromRenderedImage(image), "png").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (interlaced) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            return write(writer, param, image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(ImageWriter writer, ImageWriteParam param, BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        }
        writer.dispose();
        return bytes.toByteArray();
    }

    /** One of the repository's sample images (samples/images), which the README and dev mode use too. */
    public static byte[] sample(String name) {
        try {
            return Files.readAllBytes(SAMPLES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
