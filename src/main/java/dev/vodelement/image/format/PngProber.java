package dev.vodelement.image.format;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import dev.vodelement.image.ImageRejected;

/**
 * Reads a PNG's dimensions from its IHDR chunk, which the PNG specification requires to be the
 * first chunk. The 33 bytes read (signature, IHDR and its CRC) are all a decoder checks before
 * trusting the header, so a corrupt header is refused here, as libpng would.
 */
final class PngProber {

    private static final int SIGNATURE_LENGTH = 8;
    private static final int IHDR_LENGTH = 13;
    private static final long MAX_DIMENSION = 0x7FFF_FFFFL;

    private PngProber() {
    }

    static ProbedImage probe(ImageBytes in) throws IOException, ImageRejected {
        try {
            in.skip(SIGNATURE_LENGTH);
            long length = in.u32();
            byte[] type = new byte[4];
            in.readFully(type);
            String typeName = chunkName(type);
            if (typeName.equals("CgBI")) {
                throw new ImageRejected("PNG is an Apple CgBI file (a CgBI chunk comes before IHDR), which standard"
                        + " decoders refuse");
            }
            if (!typeName.equals("IHDR")) {
                throw new ImageRejected("PNG's first chunk is " + typeName + ", not IHDR");
            }
            if (length != IHDR_LENGTH) {
                throw new ImageRejected("PNG IHDR chunk has length " + length + ", not 13");
            }
            byte[] data = new byte[IHDR_LENGTH];
            in.readFully(data);
            long crc = in.u32();
            byte[] typeAndData = new byte[4 + IHDR_LENGTH];
            System.arraycopy(type, 0, typeAndData, 0, 4);
            System.arraycopy(data, 0, typeAndData, 4, IHDR_LENGTH);
            CRC32 expected = new CRC32();
            expected.update(typeAndData);
            if (expected.getValue() != crc) {
                throw new ImageRejected("PNG IHDR chunk is corrupt (CRC mismatch)");
            }
            return header(data, in.position());
        } catch (EOFException e) {
            throw new ImageRejected("PNG ends after " + in.position() + " bytes, before the end of its IHDR chunk");
        }
    }

    private static ProbedImage header(byte[] data, long bytesNeeded) throws ImageRejected {
        long width = u32(data, 0);
        long height = u32(data, 4);
        int bitDepth = data[8] & 0xFF;
        int colourType = data[9] & 0xFF;
        if (width == 0 || height == 0 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
            throw new ImageRejected("PNG IHDR declares an invalid size " + width + " x " + height);
        }
        if (!validDepth(colourType, bitDepth)) {
            throw new ImageRejected("PNG IHDR declares an invalid colour type " + colourType + " with bit depth "
                    + bitDepth);
        }
        if (data[10] != 0 || data[11] != 0 || (data[12] != 0 && data[12] != 1)) {
            throw new ImageRejected("PNG IHDR declares an unknown compression, filter or interlace method");
        }
        return new ProbedImage(ImageFormat.PNG, (int) width, (int) height, bytesNeeded);
    }

    /** The combinations allowed by the PNG specification, table 11.1. */
    private static boolean validDepth(int colourType, int bitDepth) {
        return switch (colourType) {
            case 0 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
            case 3 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
            case 2, 4, 6 -> bitDepth == 8 || bitDepth == 16;
            default -> false;
        };
    }

    private static long u32(byte[] data, int offset) {
        return ((data[offset] & 0xFFL) << 24) | ((data[offset + 1] & 0xFFL) << 16) | ((data[offset + 2] & 0xFFL) << 8)
                | (data[offset + 3] & 0xFFL);
    }

    private static String chunkName(byte[] type) {
        for (byte b : type) {
            if (!((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z'))) {
                return "0x" + FormatSniffer.hex(type, 4).replace(" ", "");
            }
        }
        return new String(type, StandardCharsets.US_ASCII);
    }
}
