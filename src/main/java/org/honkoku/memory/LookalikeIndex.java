package org.honkoku.memory;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The embeddings of one manuscript's boxes, kept in memory as the stored bytes, for finding a decided glyph's
 * look-alikes without loading every box of the manuscript for every decision (a book of 200 pages has 40,000 boxes,
 * 20 MB of embeddings). Loaded again when the manuscript's boxes change (their count or newest id, or the model).
 */
@Component
public class LookalikeIndex {

    private final JdbcTemplate jdbc;
    private String key;
    private long[] ids = new long[0];
    private byte[][] vectors = new byte[0][];

    public LookalikeIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The ids of the manuscript's boxes (current pages) whose embedding is at least {@code similarity} from {@code unit}. */
    public synchronized List<Long> near(long manuscriptId, String model, float[] unit, double similarity) {
        load(manuscriptId, model);
        List<Long> out = new ArrayList<>();
        double threshold = similarity * Embeddings.SCALE;
        for (int i = 0; i < ids.length; i++) {
            byte[] v = vectors[i];
            if (v.length != unit.length) {
                continue;
            }
            double dot = 0;
            for (int d = 0; d < v.length; d++) {
                dot += unit[d] * v[d];
            }
            // the stored bytes are a unit vector times SCALE (to within rounding)
            if (dot >= threshold) {
                out.add(ids[i]);
            }
        }
        return out;
    }

    private void load(long manuscriptId, String model) {
        String state = jdbc.queryForObject("""
                SELECT COUNT(*), MAX(b.id) FROM box b JOIN page p ON p.id = b.page_id
                JOIN box_reading r ON r.box_id = b.id
                WHERE p.manuscript_id = ? AND p.superseded_by IS NULL AND r.model_version = ?""",
                (rs, i) -> rs.getLong(1) + "/" + rs.getLong(2), manuscriptId, model);
        String now = manuscriptId + "|" + model + "|" + state;
        if (now.equals(key)) {
            return;
        }
        List<Long> idList = new ArrayList<>();
        List<byte[]> vectorList = new ArrayList<>();
        jdbc.query("""
                SELECT b.id, r.embedding FROM box b JOIN page p ON p.id = b.page_id JOIN box_reading r ON r.box_id = b.id
                WHERE p.manuscript_id = ? AND p.superseded_by IS NULL AND r.model_version = ?""", rs -> {
            idList.add(rs.getLong(1));
            vectorList.add(rs.getBytes(2));
        }, manuscriptId, model);
        ids = idList.stream().mapToLong(Long::longValue).toArray();
        vectors = vectorList.toArray(new byte[0][]);
        key = now;
    }
}
