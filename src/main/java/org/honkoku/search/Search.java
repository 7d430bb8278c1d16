package org.honkoku.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Finds a text in every current page's transcription through the index: a query of one character reads the
 * postings of that character; a longer one reads the postings of its rarest bigram (each bigram's postings counted
 * up to {@link #RARE_ENOUGH}) and checks enough of its other bigrams at their places (every second and the last, one
 * lookup each in the bigram index) to cover every character, so a hit is exact without reading any page's text; the
 * texts read for the lines only drop a hit whose page was rebuilt in between. Hits come in index order — manuscript,
 * page, place — and a query stops after the hits it shows, however many there are.
 */
@Service
public class Search {

    /** Hits on one result page. */
    public static final int PAGE = 200;
    /** Characters of context either side of a hit. */
    public static final int CONTEXT = 10;
    /** Postings of a bigram counted at most, to choose the rarest: beyond this, one frequent bigram is as good as another. */
    static final int RARE_ENOUGH = 1000;
    /** Longer queries are cut here: a longer phrase is as good as found by its first characters. */
    static final int MAX_QUERY = 64;

    private final JdbcTemplate jdbc;
    private final SearchIndex index;

    public Search(JdbcTemplate jdbc, SearchIndex index) {
        this.jdbc = jdbc;
        this.index = index;
    }

    /** A hit as the index finds it. */
    record Place(long manuscriptId, long pageId, int position) {
    }

    /** The hits of {@code query} from the {@code from}-th on, at most {@code limit} of them. */
    public SearchResult find(String query, int from, int limit) {
        int[] q = characters(query);
        String shown = new String(q, 0, q.length);
        if (q.length == 0 || limit <= 0) {
            return new SearchResult(shown, List.of(), from, false);
        }
        List<Place> places = places(q, Math.max(0, from), limit + 1);
        boolean more = places.size() > limit;
        List<Place> kept = more ? places.subList(0, limit) : places;
        Set<Long> pages = new LinkedHashSet<>();
        kept.forEach(p -> pages.add(p.pageId()));
        Map<Long, PageText> texts = index.texts(pages);
        Map<Long, SearchIndex.PageName> names = index.names(pages);
        List<Hit> hits = new ArrayList<>();
        for (Place p : kept) {
            PageText text = texts.get(p.pageId());
            if (text == null || p.position() + q.length > text.length()
                    || !Arrays.equals(text.chars(), p.position(), p.position() + q.length, q, 0, q.length)) {
                continue; // changed since its postings were read
            }
            hits.add(hit(p, names.get(p.pageId()), text, q.length));
        }
        return new SearchResult(shown, hits, from, more);
    }

    /** The query as the index holds text: NFC (a kana and a combining mark typed apart are one), no spaces. */
    static int[] characters(String query) {
        String s = Normalizer.normalize(query == null ? "" : query, Normalizer.Form.NFC);
        return s.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                && !Character.isISOControl(c)).limit(MAX_QUERY).toArray();
    }

    private static Hit hit(Place p, SearchIndex.PageName name, PageText text, int length) {
        int start = p.position();
        int end = start + length;
        String before = text.show(start - CONTEXT, start) + (text.columnStartsAt(start) ? PageText.COLUMN_BREAK : "");
        String after = (text.columnStartsAt(end) ? PageText.COLUMN_BREAK : "") + text.show(end, end + CONTEXT);
        return new Hit(p.manuscriptId(), name.manuscript(), p.pageId(), name.imageId(), text.columns()[start] + 1, start,
                before, text.show(start, end), after, text.boxes(start, end));
    }

    private List<Place> places(int[] q, int offset, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        String start;
        String key;
        if (q.length == 1) {
            where.append("d.ch = ?");
            args.add(q[0]);
            start = "d.pos";
            key = "d.ch";
        } else {
            long[] grams = new long[q.length - 1];
            for (int i = 0; i < grams.length; i++) {
                grams[i] = PageText.bigram(q[i], q[i + 1]);
            }
            int driver = rarest(grams);
            if (driver < 0) {
                return List.of();
            }
            where.append("d.gram = ?");
            args.add(grams[driver]);
            // the other bigrams at their places: every second one and the last cover every character
            for (int i = 0; i < grams.length; i++) {
                if (i != driver && (i % 2 == 0 || i == grams.length - 1)) {
                    // every column of the bigram index bound: one lookup (H2 picks that index for the gram)
                    where.append(" AND EXISTS (SELECT 1 FROM search_gram o WHERE o.gram = ? AND o.manuscript_id ="
                            + " d.manuscript_id AND o.page_id = d.page_id AND o.pos = d.pos + ").append(i - driver).append(")");
                    args.add(grams[i]);
                }
            }
            start = "d.pos - " + driver;
            key = "d.gram";
        }
        args.add(offset);
        args.add(limit);
        // one table in FROM, filtered by lookups, ordered by the whole index (its first column is one value here), so
        // that both databases read the hits in the index's order and stop after the last one shown
        return jdbc.query("""
                SELECT d.manuscript_id, d.page_id, %s FROM search_gram d
                WHERE %s AND NOT EXISTS (SELECT 1 FROM page p WHERE p.id = d.page_id AND p.superseded_by IS NOT NULL)
                ORDER BY %s, d.manuscript_id, d.page_id, d.pos OFFSET ? ROWS FETCH NEXT ? ROWS ONLY"""
                .formatted(start, where, key),
                (rs, i) -> new Place(rs.getLong(1), rs.getLong(2), rs.getInt(3)), args.toArray());
    }

    /** The bigram with the fewest postings (counted up to {@link #RARE_ENOUGH}); -1 when one has none. */
    private int rarest(long[] grams) {
        int best = -1;
        int fewest = Integer.MAX_VALUE;
        for (int i = 0; i < grams.length; i++) {
            int n = jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT 1 FROM search_gram WHERE gram = ? FETCH FIRST "
                    + RARE_ENOUGH + " ROWS ONLY) g", Integer.class, grams[i]);
            if (n == 0) {
                return -1;
            }
            if (n < fewest) {
                fewest = n;
                best = i;
            }
        }
        return best;
    }
}
