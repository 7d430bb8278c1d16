package org.honkoku.memory;

import java.util.ArrayList;
import java.util.List;

import org.honkoku.classify.Prediction;
import org.honkoku.segment.CharBox;
import org.honkoku.store.StoredBox;
import org.honkoku.store.Alternatives;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The glyph memory in the database: the reviewed boxes with an embedding of the current model ({@code box_reading}),
 * the unreviewed boxes' readings before the memory, and what each page was last read with ({@code page.memory_seen}).
 */
@Repository
public class MemoryRepository {

    /** A memory (a manuscript's, or the archive's) holds at most this many glyphs, the most recently reviewed. */
    static final int LIMIT = 20_000;

    private static final String GLYPHS = """
            SELECT b.id, p.manuscript_id, b.reviewed, r.embedding, r.embedding_norm
            FROM box b JOIN page p ON p.id = b.page_id JOIN box_reading r ON r.box_id = b.id
            WHERE b.reviewed IS NOT NULL AND r.model_version = ? AND %s
            ORDER BY b.reviewed_at DESC, b.id DESC""";

    /**
     * A box of a page with what the memory needs of it: its version, its reading (a person's, or the machine's), its
     * reading before the memory and its embedding (both null when it has no reading of the current model).
     */
    public record MemoryBox(long id, long pageId, int version, String reviewed, String predicted, float confidence,
                            Prediction base, float[] embedding, CharBox box) {

        public boolean machineRead() {
            return reviewed == null;
        }
    }

    /** A reviewed box that has no embedding of the current model yet. */
    public record MissingBox(long id, long pageId, int x, int y, int w, int h) {
    }

    private final JdbcTemplate jdbc;

    public MemoryRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long manuscriptOf(long pageId) {
        return jdbc.queryForObject("SELECT manuscript_id FROM page WHERE id = ?", Long.class, pageId);
    }

    /**
     * The memory a box of {@code manuscriptId} is read with: the manuscript's reviewed glyphs, or the archive's when
     * it has fewer than {@link MemoryReader#MIN_OWN}. Its version is the newest review action of that scope.
     */
    public GlyphMemory memoryFor(long manuscriptId, String model) {
        GlyphMemory own = new GlyphMemory(glyphs(model, "p.manuscript_id = ?", LIMIT, manuscriptId),
                version(manuscriptId));
        return GlyphMemory.ownOr(own, () -> new GlyphMemory(glyphs(model, "1 = 1", LIMIT), version(null), true));
    }

    /** The newest review action on the pages of a manuscript (null: of the archive); 0 when none. */
    public long version(Long manuscriptId) {
        Long v = manuscriptId == null
                ? jdbc.queryForObject("SELECT MAX(id) FROM review_action", Long.class)
                : jdbc.queryForObject("""
                        SELECT MAX(a.id) FROM review_action a JOIN page p ON p.id = a.page_id
                        WHERE p.manuscript_id = ?""", Long.class, manuscriptId);
        return v == null ? 0 : v;
    }

    private List<MemoryGlyph> glyphs(String model, String where, int limit, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = model;
        System.arraycopy(args, 0, all, 1, args.length);
        List<MemoryGlyph> out = new ArrayList<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement(GLYPHS.formatted(where));
            ps.setMaxRows(limit);
            for (int i = 0; i < all.length; i++) {
                ps.setObject(i + 1, all[i]);
            }
            return ps;
        }, rs -> {
            out.add(new MemoryGlyph(rs.getLong(1), rs.getLong(2), rs.getString(3),
                    Embeddings.decode(rs.getBytes(4), rs.getFloat(5))));
        });
        return out;
    }

    /** Reviewed boxes (of one manuscript, or all when null) without an embedding of {@code model}, at most {@code limit}. */
    public List<MissingBox> missing(String model, Long manuscriptId, int limit) {
        String sql = """
                SELECT b.id, b.page_id, b.x, b.y, b.w, b.h FROM box b JOIN page p ON p.id = b.page_id
                LEFT JOIN box_reading r ON r.box_id = b.id AND r.model_version = ?
                WHERE b.reviewed IS NOT NULL AND r.box_id IS NULL %s ORDER BY b.page_id, b.id
                FETCH FIRST %d ROWS ONLY""".formatted(manuscriptId == null ? "" : "AND p.manuscript_id = ?", limit);
        Object[] args = manuscriptId == null ? new Object[]{model} : new Object[]{model, manuscriptId};
        return jdbc.query(sql, (rs, i) -> new MissingBox(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4),
                rs.getInt(5), rs.getInt(6)), args);
    }

    /** Stores (or replaces) a box's embedding and its reading before the memory. */
    public void saveReading(long boxId, String model, float[] embedding, Prediction base) {
        jdbc.update("DELETE FROM box_reading WHERE box_id = ?", boxId);
        jdbc.update("INSERT INTO box_reading (" + READING_COLUMNS + ", box_id) VALUES (?, ?, ?, ?, ?, ?)",
                readingValues(model, embedding, base, boxId));
    }

    /** The columns of a {@code box_reading} row but its box, in the order of {@link #readingValues}. */
    public static final String READING_COLUMNS = "model_version, embedding, embedding_norm, base, base_confidence";

    /** A {@code box_reading} row's values for {@link #READING_COLUMNS}, followed by {@code more}. */
    public static Object[] readingValues(String model, float[] embedding, Prediction base, Object... more) {
        Object[] row = new Object[5 + more.length];
        row[0] = model;
        row[1] = Embeddings.encode(embedding);
        row[2] = (float) Embeddings.norm(embedding);
        row[3] = Alternatives.format(base);
        row[4] = (float) base.confidence();
        System.arraycopy(more, 0, row, 5, more.length);
        return row;
    }

    /**
     * The boxes (not deleted) of the current pages matching {@code where}, in reading order, with their reading of
     * {@code model} where they have one.
     */
    public List<MemoryBox> boxes(String model, String where, Object... args) {
        Object[] all = new Object[args.length + 2];
        all[0] = model;
        all[1] = StoredBox.DELETED;
        System.arraycopy(args, 0, all, 2, args.length);
        return jdbc.query("""
                SELECT b.id, b.page_id, b.version, b.reviewed, b.predicted, b.confidence, r.base, r.base_confidence,
                       r.embedding, r.embedding_norm, b.column_no, b.order_no, b.x, b.y, b.w, b.h
                FROM box b JOIN page p ON p.id = b.page_id LEFT JOIN box_reading r ON r.box_id = b.id
                     AND r.model_version = ?
                WHERE (b.reviewed IS NULL OR b.reviewed <> ?) AND p.superseded_by IS NULL AND %s
                ORDER BY b.page_id, b.column_no, b.order_no, b.id""".formatted(where),
                (rs, i) -> {
                    byte[] embedding = rs.getBytes(9);
                    return new MemoryBox(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                            rs.getString(5), rs.getFloat(6),
                            embedding == null ? null : new Prediction(Alternatives.parse(rs.getString(7)), rs.getFloat(8)),
                            embedding == null ? null : Embeddings.decode(embedding, rs.getFloat(10)),
                            new CharBox(rs.getInt(11), rs.getInt(12), rs.getInt(13), rs.getInt(14), rs.getInt(15),
                                    rs.getInt(16)));
                }, all);
    }

    /**
     * The machine's new reading of an unreviewed box: written only while the box is still unreviewed and at the
     * version it was read at, and its version moves on (a reviewer who saw the old reading must look again).
     *
     * @return whether it was written
     */
    public boolean reread(MemoryBox box, Prediction now) {
        return jdbc.update("""
                UPDATE box SET predicted = ?, confidence = ?, alternatives = ?, version = version + 1
                WHERE id = ? AND version = ? AND reviewed IS NULL""", now.best().label(), (float) now.confidence(),
                Alternatives.format(now), box.id(), box.version()) == 1;
    }

    public void markRead(long pageId, long memoryVersion) {
        jdbc.update("UPDATE page SET memory_seen = ? WHERE id = ?", memoryVersion, pageId);
    }

    /**
     * Done pages (of the given manuscripts, or all) read before the archive's newest review: the pages whose
     * memory may have grown ({@link GlyphMemoryService#adapt} compares each with its own memory's version).
     */
    public List<PageBehind> pagesBehind(List<Long> manuscripts) {
        String in = manuscripts == null ? "" : manuscripts.isEmpty() ? "AND 1 = 0"
                : "AND p.manuscript_id IN (" + String.join(",", manuscripts.stream().map(String::valueOf).toList()) + ")";
        return jdbc.query("""
                SELECT p.id, p.manuscript_id, p.memory_seen FROM page p
                WHERE p.status = 'DONE' AND p.superseded_by IS NULL %s
                AND EXISTS (SELECT 1 FROM review_action a WHERE a.id > p.memory_seen)
                ORDER BY p.manuscript_id, p.id""".formatted(in),
                (rs, i) -> new PageBehind(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
    }

    /** A done page, its manuscript, and the memory version it was last read with. */
    public record PageBehind(long pageId, long manuscriptId, long memorySeen) {
    }

    /** The page of a box, or null when there is no such box. */
    public Long pageOf(long boxId) {
        List<Long> page = jdbc.queryForList("SELECT page_id FROM box WHERE id = ?", Long.class, boxId);
        return page.isEmpty() ? null : page.get(0);
    }

    /** The manuscripts whose source is one of the paths or lies under one of them. */
    public List<Long> manuscriptsUnder(List<String> absolutePaths) {
        List<Long> out = new ArrayList<>();
        for (String path : absolutePaths) {
            String folder = path.endsWith("/") ? path : path + "/";
            out.addAll(jdbc.queryForList("SELECT id FROM manuscript WHERE source_path = ? OR source_path LIKE ?",
                    Long.class, path, folder.replace("%", "\\%").replace("_", "\\_") + "%"));
        }
        return out.stream().distinct().toList();
    }
}
