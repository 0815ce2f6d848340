package dev.vodelement.image;

import java.time.Duration;
import java.util.Locale;

/** How numbers read in messages: grouped byte counts ("12,582,912 bytes") and short durations ("5 s"). */
public final class Figures {

    private Figures() {
    }

    public static String bytes(long count) {
        return String.format(Locale.ROOT, "%,d bytes", count);
    }

    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
