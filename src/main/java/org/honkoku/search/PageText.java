package org.honkoku.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.honkoku.export.Labels;

/**
 * A page's text as search reads it: one code point per character box in reading order, with the box and column of
 * each, so that a hit found by position names its boxes and its keyword-in-context line shows where a column ends.
 * Plain Java: the same for indexing, for the lines of hits and for the benchmark.
 */
record PageText(int[] chars, long[] boxIds, int[] columns) {

    /** The mark shown where a column ends inside a keyword-in-context line (the customary line-break mark of 翻刻). */
    static final String COLUMN_BREAK = "／";
    /** Bigrams are keyed {@code first * BASE + second}: one more than the largest code point. */
    static final long BASE = Character.MAX_CODE_POINT + 1L;

    /** A box as search reads it: its reading (a person's if any, else the machine's; {@code U+XXXX} or rare). */
    record Box(long id, int column, String label) {
    }

    PageText {
        if (chars.length != boxIds.length || chars.length != columns.length) {
            throw new IllegalArgumentException("one box and one column per character");
        }
    }

    /** The text of boxes in reading order (deleted boxes already left out). */
    static PageText of(List<Box> boxes) {
        int n = boxes.size();
        int[] chars = new int[n];
        long[] ids = new long[n];
        int[] columns = new int[n];
        for (int i = 0; i < n; i++) {
            Box b = boxes.get(i);
            chars[i] = Labels.character(b.label()).codePointAt(0);
            ids[i] = b.id();
            columns[i] = b.column();
        }
        return new PageText(chars, ids, columns);
    }

    /** Read back from its stored form ({@code search_text}). */
    static PageText parse(String text, String boxIds, String columns) {
        int[] chars = text.codePoints().toArray();
        return new PageText(chars, chars.length == 0 ? new long[0] : Arrays.stream(boxIds.split(",")).mapToLong(Long::parseLong).toArray(),
                chars.length == 0 ? new int[0] : Arrays.stream(columns.split(",")).mapToInt(Integer::parseInt).toArray());
    }

    /** Whether the other text has the same characters, boxes and columns (records compare arrays by identity). */
    boolean sameAs(PageText other) {
        return Arrays.equals(chars, other.chars) && Arrays.equals(boxIds, other.boxIds)
                && Arrays.equals(columns, other.columns);
    }

    int length() {
        return chars.length;
    }

    String text() {
        return new String(chars, 0, chars.length);
    }

    String boxIdList() {
        return String.join(",", Arrays.stream(boxIds).mapToObj(String::valueOf).toList());
    }

    String columnList() {
        return String.join(",", Arrays.stream(columns).mapToObj(String::valueOf).toList());
    }

    /** The bigram starting at {@code pos}: with the next character, or with 0 at the end of the page. */
    long gram(int pos) {
        return bigram(chars[pos], pos + 1 < chars.length ? chars[pos + 1] : 0);
    }

    static long bigram(int first, int second) {
        return first * BASE + second;
    }

    /** The boxes of the characters {@code from} (inclusive) to {@code to} (exclusive). */
    List<Long> boxes(int from, int to) {
        List<Long> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(boxIds[i]);
        }
        return out;
    }

    /**
     * The characters {@code from} to {@code to} (clipped to the page), with {@link #COLUMN_BREAK} between two that
     * stand in different columns.
     */
    String show(int from, int to) {
        StringBuilder s = new StringBuilder();
        int a = Math.max(0, from);
        int b = Math.min(chars.length, to);
        for (int i = a; i < b; i++) {
            if (i > a && columns[i] != columns[i - 1]) {
                s.append(COLUMN_BREAK);
            }
            s.appendCodePoint(chars[i]);
        }
        return s.toString();
    }

    /** Whether a column ends right before {@code pos} (which is inside the page). */
    boolean columnStartsAt(int pos) {
        return pos > 0 && pos < chars.length && columns[pos] != columns[pos - 1];
    }
}
