package org.honkoku.export;

/** Converts stored labels ({@code U+XXXX} or {@code rare}) to the characters people read. */
final class Labels {

    static final String RARE = "rare";
    /** 〓 (geta mark), the customary sign for a character that could not be read. */
    static final String RARE_MARK = "\u3013";

    private Labels() {
    }

    static String character(String label) {
        if (label == null || RARE.equals(label)) {
            return RARE_MARK;
        }
        return new String(Character.toChars(Integer.parseInt(label.substring(2), 16)));
    }
}
