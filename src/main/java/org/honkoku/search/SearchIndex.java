package org.honkoku.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.honkoku.store.StoredBox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The search index in the database ({@code search_text}, {@code search_gram}; see V7__search_index.sql). Every
 * writer of a page's boxes calls {@link #reindex} in the transaction of its change, so the index never tells a
 * reading that is no longer there. Rebuilding a page is a few hundred rows, a few milliseconds.
 */
@Repository
public class SearchIndex {

    private final JdbcTemplate jdbc;

    public SearchIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the page's row until the transaction ends. Two changes of one page then rebuild its index one after the
     * other (the second reads the first one's boxes), never both at once. A writer that locks boxes calls this first,
     * so that every writer locks the page before its boxes, as transcribe does (its status update comes first), and
     * none waits for another in a circle.
     */
    public void lockPage(long pageId) {
        jdbc.queryForList("SELECT id FROM page WHERE id = ? FOR UPDATE", Long.class, pageId);
    }

    /**
     * Rebuilds the page's rows from its boxes as they are now, in the caller's transaction (or, called outside one,
     * in a transaction of its own).
     */
    @Transactional
    public void reindex(long pageId) {
        List<Long> manuscript = jdbc.queryForList("SELECT manuscript_id FROM page WHERE id = ? FOR UPDATE",
                Long.class, pageId);
        if (manuscript.isEmpty()) {
            return;
        }
        PageText text = PageText.of(jdbc.query("""
                SELECT id, column_no, COALESCE(reviewed, predicted) FROM box
                WHERE page_id = ? AND (reviewed IS NULL OR reviewed <> ?) ORDER BY column_no, order_no, id""",
                (rs, i) -> new PageText.Box(rs.getLong(1), rs.getInt(2), rs.getString(3)), pageId, StoredBox.DELETED));
        PageText before = texts(List.of(pageId)).get(pageId);
        if (before != null && before.length() == text.length()) {
            // a reading decided or corrected (the most common change, and an accepted one changes no character):
            // only the rows whose character or bigram changed are written
            List<Object[]> changed = new ArrayList<>();
            for (int pos = 0; pos < text.length(); pos++) {
                if (before.chars()[pos] != text.chars()[pos] || before.gram(pos) != text.gram(pos)) {
                    changed.add(new Object[] {text.chars()[pos], text.gram(pos), pageId, pos});
                }
            }
            jdbc.batchUpdate("UPDATE search_gram SET ch = ?, gram = ? WHERE page_id = ? AND pos = ?", changed);
            if (!before.sameAs(text)) {
                jdbc.update("UPDATE search_text SET text = ?, box_ids = ?, column_nos = ? WHERE page_id = ?",
                        text.text(), text.boxIdList(), text.columnList(), pageId);
            }
            return;
        }
        jdbc.update("DELETE FROM search_gram WHERE page_id = ?", pageId);
        jdbc.update("DELETE FROM search_text WHERE page_id = ?", pageId);
        jdbc.update("INSERT INTO search_text (page_id, manuscript_id, text, box_ids, column_nos) VALUES (?, ?, ?, ?, ?)",
                pageId, manuscript.get(0), text.text(), text.boxIdList(), text.columnList());
        List<Object[]> rows = new ArrayList<>(text.length());
        for (int pos = 0; pos < text.length(); pos++) {
            rows.add(new Object[] {pageId, pos, manuscript.get(0), text.chars()[pos], text.gram(pos)});
        }
        jdbc.batchUpdate("INSERT INTO search_gram (page_id, pos, manuscript_id, ch, gram) VALUES (?, ?, ?, ?, ?)", rows);
    }

    /**
     * Pages after {@code afterId} that are done or have boxes but no index yet (an archive from before search), at
     * most {@code limit}, by id.
     */
    List<Long> unindexed(long afterId, int limit) {
        return jdbc.queryForList("""
                SELECT p.id FROM page p WHERE p.id > ? AND NOT EXISTS (SELECT 1 FROM search_text t WHERE t.page_id = p.id)
                AND (p.status = 'DONE' OR EXISTS (SELECT 1 FROM box b WHERE b.page_id = p.id))
                ORDER BY p.id FETCH FIRST ? ROWS ONLY""", Long.class, afterId, limit);
    }

    /** A page's manuscript name and image id, for a hit's line. */
    record PageName(String manuscript, String imageId) {
    }

    /** The stored texts of the pages, by page id. */
    Map<Long, PageText> texts(Collection<Long> pageIds) {
        Map<Long, PageText> out = new HashMap<>();
        byPage(pageIds, "SELECT page_id, text, box_ids, column_nos FROM search_text WHERE page_id IN (%s)",
                rs -> out.put(rs.getLong(1), PageText.parse(rs.getString(2), rs.getString(3), rs.getString(4))));
        return out;
    }

    /** The pages' manuscript names and image ids, by page id. */
    Map<Long, PageName> names(Collection<Long> pageIds) {
        Map<Long, PageName> out = new HashMap<>();
        byPage(pageIds, "SELECT p.id, m.name, p.image_id FROM page p JOIN manuscript m ON m.id = p.manuscript_id"
                + " WHERE p.id IN (%s)", rs -> out.put(rs.getLong(1), new PageName(rs.getString(2), rs.getString(3))));
        return out;
    }

    /** Runs {@code sql} over the pages, a few hundred ids in its {@code IN (%s)} at a time. */
    private void byPage(Collection<Long> pageIds, String sql, RowCallbackHandler row) {
        List<Long> ids = new ArrayList<>(pageIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + 500));
            jdbc.query(sql.formatted(String.join(",", part.stream().map(String::valueOf).toList())), row);
        }
    }
}
