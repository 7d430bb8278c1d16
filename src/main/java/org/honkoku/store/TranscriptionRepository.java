package org.honkoku.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads transcribed pages back for export, in a stable order: manuscript, page id, reading order. */
@Repository
public class TranscriptionRepository {

    private final JdbcTemplate jdbc;

    public TranscriptionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<PageTranscription> donePages() {
        Map<Long, PageTranscription> pages = new LinkedHashMap<>();
        jdbc.query("""
                SELECT p.id, m.name, p.image_id FROM page p JOIN manuscript m ON m.id = p.manuscript_id
                WHERE p.status = ? ORDER BY m.source_path, p.image_id, p.page_no""",
                rs -> {
                    pages.put(rs.getLong(1), new PageTranscription(rs.getString(2), rs.getString(3), new ArrayList<>()));
                },
                PageRepository.DONE);
        // One query for all boxes, streamed: a page has hundreds of characters and a run thousands of pages.
        jdbc.query("""
                SELECT b.page_id, b.column_no, b.order_no, b.x, b.y, b.w, b.h, b.predicted, b.confidence, b.reviewed
                FROM box b JOIN page p ON p.id = b.page_id WHERE p.status = ?
                ORDER BY b.page_id, b.column_no, b.order_no, b.id""",
                rs -> {
                    PageTranscription page = pages.get(rs.getLong(1));
                    if (page != null) {
                        page.boxes().add(new StoredBox(rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                                rs.getInt(6), rs.getInt(7), rs.getString(8), rs.getFloat(9), rs.getString(10)));
                    }
                },
                PageRepository.DONE);
        return new ArrayList<>(pages.values());
    }
}
