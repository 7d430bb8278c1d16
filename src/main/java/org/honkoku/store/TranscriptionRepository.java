package org.honkoku.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.honkoku.Timestamps;
import org.honkoku.segment.QuarterTurn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads transcribed pages back for export, in a stable order: manuscript, page, reading order. Boxes a
 * reviewer deleted as false are left out. Boxes and page sizes are the scan file's own: a page read turned the
 * right way up ({@link StoredPage#turns}) has its boxes turned back, so every export places them on the file it names.
 */
@Repository
public class TranscriptionRepository {

    private static final String PAGES = """
            SELECT p.id, m.name, p.image_id, p.source_path, p.page_no, p.sha256, p.width, p.height,
                   p.model_version, p.processed_at, p.quarter_turns
            FROM page p JOIN manuscript m ON m.id = p.manuscript_id
            WHERE p.status = ? AND %s ORDER BY m.source_path, p.image_id, p.page_no""";
    private static final String BOXES = """
            SELECT b.page_id, b.column_no, b.order_no, b.x, b.y, b.w, b.h, b.predicted, b.confidence, b.reviewed
            FROM box b JOIN page p ON p.id = b.page_id
            WHERE p.status = ? AND (b.reviewed IS NULL OR b.reviewed <> ?) AND %s
            ORDER BY b.page_id, b.column_no, b.order_no, b.id""";
    private static final String REVIEWERS = """
            SELECT b.page_id, b.reviewed_by, MAX(b.reviewed_at) FROM box b JOIN page p ON p.id = b.page_id
            WHERE p.status = ? AND b.reviewed_by IS NOT NULL AND %s
            GROUP BY b.page_id, b.reviewed_by ORDER BY b.page_id, b.reviewed_by""";

    /** Not superseded by a newer version of its file: what exports hold. */
    private static final String CURRENT = "p.superseded_by IS NULL";

    private final JdbcTemplate jdbc;

    public TranscriptionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every transcribed page, in its current version (a page superseded by a changed file is left out). */
    public List<PageTranscription> donePages() {
        return load(CURRENT);
    }

    /** The transcribed pages of one manuscript, in their current versions. */
    public List<PageTranscription> donePages(long manuscriptId) {
        return load("p.manuscript_id = ? AND " + CURRENT, manuscriptId);
    }

    /** The manuscripts with at least one transcribed page in its current version, in the order exports list them. */
    public List<Long> manuscriptsWithDonePages() {
        return jdbc.queryForList("""
                SELECT m.id FROM manuscript m WHERE EXISTS (SELECT 1 FROM page p WHERE p.manuscript_id = m.id
                AND p.status = ? AND %s) ORDER BY m.source_path""".formatted(CURRENT), Long.class, PageRepository.DONE);
    }

    /** One page, if it is transcribed (a superseded version too, when asked for by its id). */
    public Optional<PageTranscription> donePage(long pageId) {
        return load("p.id = ?", pageId).stream().findFirst();
    }

    private List<PageTranscription> load(String where, Object... args) {
        Map<Long, List<String>> reviewers = new HashMap<>();
        Map<Long, Instant> lastReviewed = new HashMap<>();
        jdbc.query(REVIEWERS.formatted(where), rs -> {
            long page = rs.getLong(1);
            reviewers.computeIfAbsent(page, p -> new ArrayList<>()).add(rs.getString(2));
            Instant at = Timestamps.instant(rs.getTimestamp(3));
            if (at != null) {
                lastReviewed.merge(page, at, (a, b) -> a.isAfter(b) ? a : b);
            }
        }, withStatus(args));

        Map<Long, PageTranscription> pages = new LinkedHashMap<>();
        // pages read turned: {quarter turns back to the file, width and height as read}
        Map<Long, int[]> turnedBack = new HashMap<>();
        jdbc.query(PAGES.formatted(where), rs -> {
            long id = rs.getLong(1);
            int turns = QuarterTurn.normalise(rs.getInt(11));
            int[] size = QuarterTurn.size(rs.getInt(7), rs.getInt(8), -turns);
            if (turns != 0) {
                turnedBack.put(id, new int[] {-turns, rs.getInt(7), rs.getInt(8)});
            }
            PageInfo info = new PageInfo(id, rs.getString(4), rs.getInt(5), rs.getString(6), size[0], size[1],
                    rs.getString(9), Timestamps.instant(rs.getTimestamp(10)),
                    reviewers.getOrDefault(id, List.of()), lastReviewed.get(id), turns);
            pages.put(id, new PageTranscription(rs.getString(2), rs.getString(3), new ArrayList<>(), info));
        }, withStatus(args));
        // One query for all boxes, streamed: a page has hundreds of characters and a run thousands of pages.
        Object[] boxArgs = new Object[args.length + 2];
        boxArgs[0] = PageRepository.DONE;
        boxArgs[1] = StoredBox.DELETED;
        System.arraycopy(args, 0, boxArgs, 2, args.length);
        jdbc.query(BOXES.formatted(where), rs -> {
            PageTranscription page = pages.get(rs.getLong(1));
            if (page != null) {
                int[] box = {rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7)};
                int[] back = turnedBack.get(rs.getLong(1));
                if (back != null) {
                    box = QuarterTurn.box(box[0], box[1], box[2], box[3], back[1], back[2], back[0]);
                }
                page.boxes().add(new StoredBox(rs.getInt(2), rs.getInt(3), box[0], box[1], box[2], box[3],
                        rs.getString(8), rs.getFloat(9), rs.getString(10)));
            }
        }, boxArgs);
        return new ArrayList<>(pages.values());
    }

    private static Object[] withStatus(Object[] args) {
        Object[] all = new Object[args.length + 1];
        all[0] = PageRepository.DONE;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }
}
