package org.honkoku.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.honkoku.classify.Prediction;
import org.honkoku.memory.MemoryRepository;
import org.honkoku.segment.CharBox;
import org.honkoku.segment.QuarterTurn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Character boxes: a page's transcription is written together with its status, in one transaction. */
@Repository
public class BoxRepository {

    /** The boxes a person has decided on, which no re-run replaces. */
    private static final String KEPT = "(reviewed IS NOT NULL OR geometry_reviewed)";

    private final JdbcTemplate jdbc;
    private final Claimant claimant;

    /** A box a person decided on, by its row id. */
    private record KeptBox(long id, CharBox box) {
    }

    public BoxRepository(JdbcTemplate jdbc, Claimant claimant) {
        this.jdbc = jdbc;
        this.claimant = claimant;
    }

    /**
     * Replaces the machine's boxes of a page and marks it done, in the caller's transaction (the chunk's,
     * with Spring Batch's own bookkeeping), provided the page is still claimed by {@code jobExecutionId}:
     * the status is written first, so the page's row is locked and a run that lost its claim (taken for
     * dead, its page given to another run) writes nothing. Boxes a person has reviewed stay as they are, and
     * a new box whose centre falls inside a reviewed one is not added beside it; the kept and the new boxes are
     * numbered in one reading order ({@link ReadingOrder}). "Reviewed" covers a reading
     * (including {@link StoredBox#DELETED}, a false box a person removed) and an outline a person set by
     * splitting or merging boxes ({@code geometry_reviewed}).
     *
     * @return false, with nothing written, when the page is no longer this execution's: it was taken for dead
     *         (no heartbeat within the lease) and the page went back to the queue or to another run. That is
     *         not a failure of the page, so it is not thrown (which would skip the page as failed and roll back
     *         the chunk).
     */
    @Transactional
    public boolean save(TranscribedPage result, long jobExecutionId) {
        long pageId = result.page().id();
        TranscribedPage.StageTimes t = result.times();
        // which way up the page was read before: boxes a person kept are on that page
        int[] before = jdbc.query("SELECT quarter_turns, width, height FROM page WHERE id = ?",
                (rs, i) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)}, pageId).stream().findFirst()
                .orElse(new int[] {result.turns(), result.width(), result.height()});
        int claimed = jdbc.update("""
                UPDATE page SET status = ?, error = NULL, width = ?, height = ?, quarter_turns = ?, model_version = ?,
                                load_ms = ?, segment_ms = ?, classify_ms = ?, processed_at = ?, memory_seen = ?
                WHERE id = ? AND\s""" + Claimant.HELD,
                PageRepository.DONE, result.width(), result.height(), result.turns(), result.modelVersion(),
                (int) t.loadMs(), (int) t.segmentMs(), (int) t.classifyMs(), Timestamp.from(Instant.now()),
                result.memoryVersion(), pageId, jobExecutionId, claimant.worker());
        if (claimed != 1) {
            return false;
        }
        List<KeptBox> keptRows = jdbc.query(
                "SELECT id, column_no, order_no, x, y, w, h FROM box WHERE page_id = ? AND " + KEPT + " ORDER BY id",
                (rs, i) -> new KeptBox(rs.getLong(1), new CharBox(rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7))),
                pageId);
        int turn = QuarterTurn.normalise(result.turns() - before[0]);
        if (turn != 0 && !keptRows.isEmpty()) {
            keptRows = turnKept(keptRows, before[1], before[2], turn);
        }
        List<CharBox> kept = keptRows.stream().map(KeptBox::box).toList();
        jdbc.update("DELETE FROM box WHERE page_id = ? AND NOT " + KEPT, pageId);

        List<Glyph> fresh = result.glyphs().stream()
                .filter(g -> kept.stream().noneMatch(r -> contains(r, g.box().centreX(), g.box().centreY())))
                .toList();
        // one reading order over the kept boxes and the new ones (a page read again after review)
        List<CharBox> placed = ReadingOrder.merge(kept, fresh.stream().map(Glyph::box).toList());
        List<Object[]> moved = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            CharBox was = kept.get(i);
            CharBox now = placed.get(i);
            if (was.column() != now.column() || was.order() != now.order()) {
                moved.add(new Object[] {now.column(), now.order(), keptRows.get(i).id()});
            }
        }
        jdbc.batchUpdate("UPDATE box SET column_no = ?, order_no = ? WHERE id = ?", moved);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            Glyph g = fresh.get(i);
            CharBox b = placed.get(kept.size() + i);
            rows.add(new Object[] {pageId, b.column(), b.order(), b.x(), b.y(), b.w(), b.h(),
                    g.prediction().best().label(), g.prediction().confidence(),
                    Alternatives.format(g.prediction())});
        }
        jdbc.batchUpdate("""
                INSERT INTO box (page_id, column_no, order_no, x, y, w, h, predicted, confidence, alternatives)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        saveReadings(pageId, result.modelVersion(), fresh, placed.subList(kept.size(), placed.size()));
        return true;
    }

    /**
     * The new boxes' embeddings and readings before the glyph memory ({@code box_reading}), found by their place in
     * reading order (unique on a page).
     */
    private void saveReadings(long pageId, String model, List<Glyph> fresh, List<CharBox> placed) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            Glyph g = fresh.get(i);
            if (g.embedding() == null) {
                continue;
            }
            Prediction base = g.base() != null ? g.base() : g.prediction();
            rows.add(MemoryRepository.readingValues(model, g.embedding(), base, pageId, placed.get(i).column(),
                    placed.get(i).order()));
        }
        jdbc.batchUpdate("INSERT INTO box_reading (" + MemoryRepository.READING_COLUMNS + ", box_id)"
                + " SELECT ?, ?, ?, ?, ?, id FROM box WHERE page_id = ? AND column_no = ? AND order_no = ?"
                + " AND reviewed IS NULL", rows);
    }

    /**
     * Boxes a person kept, moved onto the page as it is read now: read before another way up (a newer model judged
     * which side is up otherwise), they are turned as the page was, so a correction stays on its character.
     */
    private List<KeptBox> turnKept(List<KeptBox> kept, int width, int height, int turn) {
        List<KeptBox> out = new ArrayList<>(kept.size());
        List<Object[]> rows = new ArrayList<>(kept.size());
        for (KeptBox k : kept) {
            CharBox b = QuarterTurn.box(k.box(), width, height, turn);
            out.add(new KeptBox(k.id(), b));
            rows.add(new Object[] {b.x(), b.y(), b.w(), b.h(), k.id()});
        }
        jdbc.batchUpdate("UPDATE box SET x = ?, y = ?, w = ?, h = ? WHERE id = ?", rows);
        return out;
    }

    private static boolean contains(CharBox box, int x, int y) {
        return x >= box.x() && x < box.x() + box.w() && y >= box.y() && y < box.y() + box.h();
    }
}
