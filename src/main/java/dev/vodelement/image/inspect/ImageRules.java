package dev.vodelement.image.inspect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import dev.vodelement.image.Figures;

/** The contract's size and dimension rules, each broken rule stated with the value found. */
final class ImageRules {

    /** 10 MiB. */
    static final long MAX_BYTES = 10L * 1024 * 1024;
    static final int MIN_SIDE = 300;

    private ImageRules() {
    }

    static String tooLarge(long bytes) {
        return Figures.bytes(bytes) + " exceeds 10 MiB (" + Figures.bytes(MAX_BYTES) + ")";
    }

    /** Every dimension rule the image breaks; empty when it may be sent to VOD. */
    static List<String> dimensionProblems(int width, int height) {
        List<String> problems = new ArrayList<>(3);
        if (width < MIN_SIDE) {
            problems.add("width " + width + " px is below " + MIN_SIDE + " px");
        }
        if (height < MIN_SIDE) {
            problems.add("height " + height + " px is below " + MIN_SIDE + " px");
        }
        long longer = Math.max(width, height);
        long shorter = Math.min(width, height);
        // max/min <= 2.5 without floating point: 2 * max <= 5 * min, bounds included
        if (2 * longer > 5 * shorter) {
            // rounded up, so that a ratio just over the limit never reads as "2.50:1 exceeds 2.5:1"
            BigDecimal ratio = BigDecimal.valueOf(longer).divide(BigDecimal.valueOf(shorter), 2, RoundingMode.UP);
            problems.add("aspect ratio " + ratio.stripTrailingZeros().toPlainString() + ":1 (" + width + " x " + height
                    + " px) exceeds 2.5:1");
        }
        return problems;
    }
}
