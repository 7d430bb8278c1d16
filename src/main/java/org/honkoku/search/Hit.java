package org.honkoku.search;

import java.util.List;

/**
 * One place where the query was found, as a keyword-in-context line: the characters before it, the hit, the
 * characters after it (in reading order across columns, {@link PageText#COLUMN_BREAK} where a column ends), and the
 * boxes of the hit, which the link to the page view highlights.
 *
 * @param column the hit's first character's column, counted from 1 at the right of the page
 */
public record Hit(long manuscriptId, String manuscript, long pageId, String imageId, int column, int position,
                  String before, String match, String after, List<Long> boxIds) {

    /** The page view with the hit's boxes highlighted (and the first selected). */
    public String link() {
        return "/pages/" + pageId + "?hl=" + String.join(",", boxIds.stream().map(String::valueOf).toList())
                + (boxIds.isEmpty() ? "" : "#box-" + boxIds.get(0));
    }
}
