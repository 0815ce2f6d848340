package dev.vodelement.standin;

import java.time.Duration;

/**
 * How {@link ImageServer} answers for one path. Start from {@link #normal()} (ranges honoured,
 * exact Content-Length) and change one thing at a time with the withers.
 *
 * @param honoursRanges answer a {@code Range} with 206 and Content-Range; otherwise 200 with the whole body
 * @param delay wait this long before the answer's head
 * @param framing how the body's end is shown: Content-Length, chunked, or by closing the connection
 * @param announcedLength a Content-Length (or, for a 206, the Content-Range total) to announce instead
 *        of the real one; -1 for the truth
 * @param unknownTotal a 206 says {@code bytes a-b/*} instead of the total
 * @param extraBytes bytes of junk sent after the body, beyond what was announced
 * @param cutAfter close the connection after this many body bytes; -1 to send them all
 * @param stallAfter stop sending for {@code stall} after this many body bytes; -1 never
 * @param stall how long a stall lasts
 * @param contentType the Content-Type header, or null for one guessed from the bytes (a validator must not trust it)
 * @param contentEncoding a Content-Encoding header to send (the body is not encoded), or null
 * @param refusesRanges answer any {@code Range} with a bare 416, as some misconfigured servers do
 * @param totalHiddenAtStart a 206 for a range from byte 0 says {@code /*}; later ones tell the total
 */
public record ImageBehaviour(boolean honoursRanges, Duration delay, Framing framing, long announcedLength,
        boolean unknownTotal, int extraBytes, long cutAfter, long stallAfter, Duration stall, String contentType,
        String contentEncoding, boolean refusesRanges, boolean totalHiddenAtStart) {

    /** How the end of a body is shown to the client. */
    public enum Framing {
        CONTENT_LENGTH, CHUNKED, CLOSE
    }

    public static ImageBehaviour normal() {
        return new ImageBehaviour(true, Duration.ZERO, Framing.CONTENT_LENGTH, -1, false, 0, -1, -1, Duration.ZERO,
                null, null, false, false);
    }

    public ImageBehaviour ignoringRanges() {
        return new ImageBehaviour(false, delay, framing, announcedLength, unknownTotal, extraBytes, cutAfter,
                stallAfter, stall, contentType, contentEncoding, refusesRanges, totalHiddenAtStart);
    }

    public ImageBehaviour delayed(Duration by) {
        return new ImageBehaviour(honoursRanges, by, framing, announcedLength, unknownTotal, extraBytes, cutAfter,
                stallAfter, stall, contentType, contentEncoding, refusesRanges, totalHiddenAtStart);
    }

    public ImageBehaviour framed(Framing how) {
        return new ImageBehaviour(honoursRanges, delay, how, announcedLength, unknownTotal, extraBytes, cutAfter,
                stallAfter, stall, contentType, contentEncoding, refusesRanges, totalHiddenAtStart);
    }

    public ImageBehaviour announcing(long length) {
        return new ImageBehaviour(honoursRanges, delay, framing, length, unknownTotal, extraBytes, cutAfter,
                stallAfter, stall, contentType, contentEncoding, refusesRanges, totalHiddenAtStart);
    }

    public ImageBehaviour withUnknownTotal() {
        return new ImageBehaviour(honoursRanges, delay, framing, announcedLength, true, extraBytes, cutAfter,
                stallAfter, stall, contentType, contentEncoding, refusesRanges, totalHiddenAtStart);
    }

    public ImageBehaviour sendingExtra(int bytes) {
        return new ImageBehaviour(honoursRanges, delay, framing, announcedLength, unknownTotal, bytes, cutAfter,
                stallAfter, stall, contentType, contentEncoding, refusesRanges, totalHiddenAtStart);
    }

    public ImageBehaviour cutAfter(long bytes) {
        return new ImageBehaviour(honoursRanges, delay, framing, announcedLength, unknownTotal, extraBytes, bytes,
                stallAfter, stall, contentType, contentEncoding, refusesRanges, totalHiddenAtStart);
    }

    public ImageBehaviour stallingAfter(long bytes, Duration howLong) {
        return new ImageBehaviour(honoursRanges, delay, framing, announcedLength, unknownTotal, extraBytes, cutAfter,
                bytes, howLong, contentType, contentEncoding, refusesRanges, totalHiddenAtStart);
    }

    public ImageBehaviour typed(String type) {
        return new ImageBehaviour(honoursRanges, delay, framing, announcedLength, unknownTotal, extraBytes, cutAfter,
                stallAfter, stall, type, contentEncoding, refusesRanges, totalHiddenAtStart);
    }

    public ImageBehaviour encoded(String encoding) {
        return new ImageBehaviour(honoursRanges, delay, framing, announcedLength, unknownTotal, extraBytes, cutAfter,
                stallAfter, stall, contentType, encoding, refusesRanges, totalHiddenAtStart);
    }

    public ImageBehaviour refusingRanges() {
        return new ImageBehaviour(honoursRanges, delay, framing, announcedLength, unknownTotal, extraBytes, cutAfter,
                stallAfter, stall, contentType, contentEncoding, true, totalHiddenAtStart);
    }

    public ImageBehaviour hidingTotalAtStart() {
        return new ImageBehaviour(honoursRanges, delay, framing, announcedLength, unknownTotal, extraBytes, cutAfter,
                stallAfter, stall, contentType, contentEncoding, refusesRanges, true);
    }
}
