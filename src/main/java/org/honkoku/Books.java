package org.honkoku;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The book a page image belongs to, from its id as the CODH data names them: {@code 100241706_00004_2} is a page
 * of book {@code 100241706}, {@code brsk001-009} and {@code brsk002} pages of book {@code brsk}. Leave-one-book-out
 * choices and per-book figures group pages by it.
 */
public final class Books {

    private static final Pattern DIGITS = Pattern.compile("^(\\d+)[_-]");
    private static final Pattern LETTERS = Pattern.compile("^([A-Za-z]+)\\d");

    private Books() {
    }

    public static String of(String imageId) {
        Matcher m = DIGITS.matcher(imageId);
        if (m.find()) {
            return m.group(1);
        }
        m = LETTERS.matcher(imageId);
        return m.find() ? m.group(1) : imageId;
    }
}
