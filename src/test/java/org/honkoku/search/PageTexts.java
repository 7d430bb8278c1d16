package org.honkoku.search;

import java.util.ArrayList;
import java.util.List;

import org.honkoku.review.ReviewBox;

/**
 * What search should find, worked out from a page's boxes as the review UI reads them (in reading order, deleted
 * ones left out, a person's reading winning): the tests' own reckoning, to hold the index's answers against.
 */
final class PageTexts {

    private PageTexts() {
    }

    /** The characters of boxes {@code from} to {@code to} (exclusive), without column marks: what a user types. */
    static String typed(List<ReviewBox> page, int from, int to) {
        StringBuilder s = new StringBuilder();
        page.subList(from, to).forEach(b -> s.append(b.character()));
        return s.toString();
    }

    /** Boxes {@code from} to {@code to} (clipped to the page) shown with ／ between two of different columns. */
    static String shown(List<ReviewBox> page, int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = Math.max(0, from); i < Math.min(page.size(), to); i++) {
            if (i > Math.max(0, from) && page.get(i).column() != page.get(i - 1).column()) {
                s.append('／');
            }
            s.append(page.get(i).character());
        }
        return s.toString();
    }

    /** Every place where the boxes read {@code query} (given as the characters a user types). */
    static List<Integer> places(List<ReviewBox> page, String query) {
        int n = query.codePointCount(0, query.length());
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i + n <= page.size(); i++) {
            if (typed(page, i, i + n).equals(query)) {
                out.add(i);
            }
        }
        return out;
    }

    /** Whether the boxes of {@code from} and the one before stand in different columns. */
    static boolean columnBreakBefore(List<ReviewBox> page, int from) {
        return from > 0 && from < page.size() && page.get(from).column() != page.get(from - 1).column();
    }
}
