package org.honkoku.export;

/** Converts stored labels ({@code U+XXXX} or {@code rare}) to the characters people read, and back. */
public final class Labels {

    public static final String RARE = "rare";
    /** 〓 (geta mark), the customary sign for a character that could not be read. */
    public static final String RARE_MARK = "\u3013";

    private Labels() {
    }

    public static String character(String label) {
        if (label == null || RARE.equals(label)) {
            return RARE_MARK;
        }
        return new String(Character.toChars(Integer.parseInt(label.substring(2), 16)));
    }

    /**
     * The label of one typed character ({@code U+XXXX}; 〓 means {@code rare}). Refuses anything but a
     * single visible character, so that a stray space or two characters never become a reading.
     */
    public static String label(String typed) {
        String s = typed == null ? "" : typed.strip();
        if (s.codePointCount(0, s.length()) > 1) {
            // か + combining dakuten typed separately is が; a single code point is kept exactly as typed
            // (NFC would also turn CJK compatibility ideographs into their unified forms)
            s = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFC);
        }
        if (s.codePointCount(0, s.length()) != 1) {
            throw new IllegalArgumentException("type exactly one character");
        }
        int cp = s.codePointAt(0);
        if (Character.isWhitespace(cp) || Character.isISOControl(cp) || !Character.isDefined(cp)
                || Character.getType(cp) == Character.SURROGATE || Character.getType(cp) == Character.PRIVATE_USE) {
            throw new IllegalArgumentException("not a character to transcribe: U+" + Integer.toHexString(cp));
        }
        return RARE_MARK.equals(s) ? RARE : String.format(java.util.Locale.ROOT, "U+%04X", cp);
    }

    /** Whether a stored-format label is well formed: {@code rare} or {@code U+} and 4-6 hex digits. */
    public static boolean isLabel(String label) {
        return RARE.equals(label) || (label != null && label.matches("U\\+[0-9A-F]{4,6}")
                && Integer.parseInt(label.substring(2), 16) <= Character.MAX_CODE_POINT);
    }
}
