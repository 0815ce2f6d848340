package dev.vodelement.element;

/**
 * What the text of a field may contain, beyond its length. VOD stores names and descriptions
 * as they are sent, so text that is not valid Unicode, cannot be seen, or carries terminal
 * control codes is refused here, with the character and its position, instead of reaching VOD
 * (a lone surrogate would even be sent as {@code ?}, because it has no UTF-8 encoding).
 */
final class TextRules {

    private static final int HANGUL_CHOSEONG_FILLER = 0x115F;
    private static final int HANGUL_JUNGSEONG_FILLER = 0x1160;
    private static final int HANGUL_FILLER = 0x3164;
    private static final int HALFWIDTH_HANGUL_FILLER = 0xFFA0;
    private static final int BRAILLE_BLANK = 0x2800;

    private TextRules() {
    }

    /**
     * Why the text is not valid Unicode, or null when it is: a high surrogate without its low
     * half, or a low one without its high half, can only come from a {@code \ud800} escape.
     */
    static String loneSurrogate(String value) {
        for (int i = 0, position = 1; i < value.length(); position++) {
            int codePoint = value.codePointAt(i);
            if (Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF) {
                return String.format("contains a lone surrogate (U+%04X at character %d), which is not valid Unicode"
                        + " text", codePoint, position);
            }
            i += Character.charCount(codePoint);
        }
        return null;
    }

    /**
     * Why the text carries a control character (Unicode category Cc: NUL, ESC, DEL, C1...), or null.
     *
     * @param lineBreaksAndTabs whether tab, line feed and carriage return are allowed (free text)
     */
    static String controlCharacter(String value, boolean lineBreaksAndTabs) {
        for (int i = 0, position = 1; i < value.length(); position++) {
            int codePoint = value.codePointAt(i);
            boolean allowed = lineBreaksAndTabs && (codePoint == '\t' || codePoint == '\n' || codePoint == '\r');
            if (Character.getType(codePoint) == Character.CONTROL && !allowed) {
                return String.format("must not contain control characters, found U+%04X at character %d", codePoint,
                        position);
            }
            i += Character.charCount(codePoint);
        }
        return null;
    }

    /** Whether anything in the text can be seen: not only spaces, format characters (Cf) or fillers. */
    static boolean hasVisibleCharacter(String value) {
        return value.codePoints().anyMatch(codePoint -> !isInvisible(codePoint));
    }

    private static boolean isInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
                || type == Character.FORMAT || type == Character.CONTROL
                || Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF
                || (codePoint >= 0xFE00 && codePoint <= 0xFE0F) // variation selectors
                || (codePoint >= 0xE0100 && codePoint <= 0xE01EF)
                || codePoint == HANGUL_CHOSEONG_FILLER || codePoint == HANGUL_JUNGSEONG_FILLER
                || codePoint == HANGUL_FILLER || codePoint == HALFWIDTH_HANGUL_FILLER || codePoint == BRAILLE_BLANK;
    }
}
