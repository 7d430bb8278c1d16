package org.honkoku.search;

import java.util.List;

/**
 * What a search found: the hits from {@code from} on, at most a result page's worth, ordered by manuscript, page and
 * place; {@code more} when there are hits after these.
 */
public record SearchResult(String query, List<Hit> hits, int from, boolean more) {

    /** The hits of one manuscript, in order (the result page groups them under the manuscript's name). */
    public record Group(long manuscriptId, String manuscript, List<Hit> hits) {
    }

    /** The hits grouped by manuscript, keeping their order. */
    public List<Group> groups() {
        java.util.List<Group> out = new java.util.ArrayList<>();
        for (Hit h : hits) {
            if (out.isEmpty() || out.get(out.size() - 1).manuscriptId() != h.manuscriptId()) {
                out.add(new Group(h.manuscriptId(), h.manuscript(), new java.util.ArrayList<>()));
            }
            out.get(out.size() - 1).hits().add(h);
        }
        return out;
    }
}
