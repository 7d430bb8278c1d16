package org.honkoku.search;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.honkoku.CommandLine;
import org.honkoku.Folders;
import org.honkoku.HonkokuApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code benchmark --search [--chars N] [--db URL] [--data DIR]}: search measured on an archive of at least N
 * characters (default a million) of real transcriptions ({@link SampleArchive}) in a fresh database (an H2 file in
 * a temporary folder unless {@code --db} names an empty one): the time to index it, the index's size, the time to
 * rebuild one page's index (what every review action adds), and the time of queries of one to four characters —
 * frequent ones, typical ones (taken at random places), rare ones (found once in the corpus) and absent ones —
 * median and worst, as {@code /search} answers them (the first 200 hits with their lines). Prints JSON; a
 * measurement, nothing fails on a slow machine.
 */
public final class SearchBenchmark {

    private static final int QUERIES_PER_KIND = 40;

    private SearchBenchmark() {
    }

    public static int run(CommandLine line, PrintStream out) throws Exception {
        long wanted = Long.parseLong(line.option("chars", "1000000"));
        Path csv = Path.of(line.option("data", "../shared/data"), "stats", "kaggle-train-boxes-711-pages.csv");
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("--data: no " + csv + " (the real transcriptions measured on)");
        }
        SampleArchive archive = SampleArchive.read(csv);
        Path scratch = Files.createTempDirectory("honkoku-search-benchmark");
        String db = line.option("db", "jdbc:h2:file:" + scratch.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
        Map<String, Object> json = new LinkedHashMap<>();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HonkokuApplication.class)
                .registerShutdownHook(false).run("--spring.datasource.url=" + db, "--spring.main.lazy-initialization=true")) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            int copies = (int) ((wanted + archive.characters() - 1) / archive.characters());
            json.put("database", product(jdbc));
            long t0 = System.nanoTime();
            long chars = archive.write(jdbc, copies);
            json.put("characters", chars);
            json.put("pages", jdbc.queryForObject("SELECT COUNT(*) FROM page", Long.class));
            json.put("fill_seconds", seconds(t0));

            t0 = System.nanoTime();
            int indexed = context.getBean(SearchBackfill.class).run();
            double indexSeconds = seconds(t0);
            json.put("pages_indexed", indexed);
            json.put("index_seconds", indexSeconds);
            json.put("index_characters_per_second", Math.round(chars / indexSeconds));
            if (!product(jdbc).startsWith("H2")) {
                json.put("index_bytes", tableBytes(jdbc, "search_gram") + tableBytes(jdbc, "search_text"));
                json.put("box_table_bytes", tableBytes(jdbc, "box"));
            }
            json.put("reindex_one_page", reindexOnePage(jdbc, context.getBean(SearchIndex.class)));

            Search search = context.getBean(Search.class);
            Map<String, Object> queries = new LinkedHashMap<>();
            for (int n = 1; n <= 4; n++) {
                for (var kind : queriesOfLength(jdbc, n).entrySet()) {
                    queries.put(n + "_" + kind.getKey(), timed(search, kind.getValue()));
                }
            }
            json.put("queries", queries);
        }
        try {
            if (db.startsWith("jdbc:h2:")) {
                json.putAll(h2Sizes(db));
            }
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
            return 0;
        } finally {
            Folders.deleteTree(scratch);
        }
    }

    private static String product(JdbcTemplate jdbc) {
        return jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName() + " "
                + c.getMetaData().getDatabaseProductVersion());
    }

    /**
     * Queries of {@code n} characters: the most frequent n-grams of the corpus, n-grams at random places (typical),
     * n-grams found once in the corpus (rare), and for n >= 2 pairs of characters never seen next to each other.
     */
    static Map<String, List<String>> queriesOfLength(JdbcTemplate jdbc, int n) {
        List<String> texts = jdbc.queryForList("SELECT text FROM search_text WHERE page_id IN (SELECT id FROM page"
                + " WHERE image_id NOT LIKE '%-%')", String.class); // copy 0: the corpus as it is
        Map<String, Integer> counts = new HashMap<>();
        List<String> all = new ArrayList<>();
        for (String t : texts) {
            int[] cps = t.codePoints().toArray();
            for (int i = 0; i + n <= cps.length; i++) {
                String g = new String(cps, i, n);
                counts.merge(g, 1, Integer::sum);
                all.add(g);
            }
        }
        Random random = new Random(42 + n);
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("frequent", counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(QUERIES_PER_KIND).map(Map.Entry::getKey).toList());
        List<String> typical = new ArrayList<>();
        for (int i = 0; i < QUERIES_PER_KIND; i++) {
            typical.add(all.get(random.nextInt(all.size())));
        }
        out.put("typical", typical);
        List<String> rare = new ArrayList<>(counts.entrySet().stream().filter(e -> e.getValue() == 1)
                .map(Map.Entry::getKey).sorted().toList());
        java.util.Collections.shuffle(rare, random);
        out.put("rare", rare.subList(0, Math.min(QUERIES_PER_KIND, rare.size())));
        if (n >= 2) {
            // characters of the corpus put together at random, in an order the corpus never has
            List<Integer> chars = counts.keySet().stream().flatMap(g -> g.codePoints().boxed()).distinct().sorted().toList();
            List<String> absent = new ArrayList<>();
            while (absent.size() < QUERIES_PER_KIND) {
                StringBuilder q = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    q.appendCodePoint(chars.get(random.nextInt(chars.size())));
                }
                if (!counts.containsKey(q.toString())) {
                    absent.add(q.toString());
                }
            }
            out.put("absent", absent);
        }
        return out;
    }

    /** Median and worst milliseconds of the queries (each run once after a warm-up pass), and their hits. */
    private static Map<String, Object> timed(Search search, List<String> queries) {
        queries.forEach(q -> search.find(q, 0, Search.PAGE));
        double[] ms = new double[queries.size()];
        int[] hits = new int[queries.size()];
        int more = 0;
        for (int i = 0; i < queries.size(); i++) {
            long t0 = System.nanoTime();
            SearchResult r = search.find(queries.get(i), 0, Search.PAGE);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            hits[i] = r.hits().size();
            more += r.more() ? 1 : 0;
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        int worst = 0;
        for (int i = 1; i < ms.length; i++) {
            worst = ms[i] > ms[worst] ? i : worst;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("queries", queries.size());
        out.put("median_ms", round(sorted.length == 0 ? 0 : sorted[sorted.length / 2]));
        out.put("worst_ms", round(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
        out.put("worst_query", queries.isEmpty() ? "" : queries.get(worst));
        out.put("median_hits_shown", hits.length == 0 ? 0 : Arrays.stream(hits).sorted().toArray()[hits.length / 2]);
        out.put("queries_with_more_than_200", more);
        return out;
    }

    /**
     * Median milliseconds of rebuilding one page's index, over 200 pages taken at random, each in its own transaction:
     * with no character changed (an accepted reading), with one changed (a correction), and from nothing (a page
     * transcribed, or a box split, merged or deleted, which moves the places after it).
     */
    private static Map<String, Object> reindexOnePage(JdbcTemplate jdbc, SearchIndex index) {
        List<Long> pages = new ArrayList<>(jdbc.queryForList("SELECT id FROM page", Long.class));
        java.util.Collections.shuffle(pages, new Random(7));
        pages = pages.subList(0, Math.min(200, pages.size()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("unchanged_ms", medianMs(pages, index::reindex));
        out.put("one_character_changed_ms", medianMs(pages, page -> {
            jdbc.update("UPDATE box SET predicted = 'U+9B31' WHERE id = (SELECT MIN(id) FROM box WHERE page_id = ?)", page);
            long t0 = System.nanoTime();
            index.reindex(page);
            return System.nanoTime() - t0;
        }));
        out.put("whole_page_ms", medianMs(pages, page -> {
            jdbc.update("DELETE FROM search_text WHERE page_id = ?", page);
            long t0 = System.nanoTime();
            index.reindex(page);
            return System.nanoTime() - t0;
        }));
        return out;
    }

    private static double medianMs(List<Long> pages, java.util.function.LongConsumer reindex) {
        return medianMs(pages, page -> {
            long t0 = System.nanoTime();
            reindex.accept(page);
            return System.nanoTime() - t0;
        });
    }

    /** The median of what {@code timed} returns for each page, nanoseconds, in milliseconds. */
    private static double medianMs(List<Long> pages, java.util.function.LongUnaryOperator timed) {
        double[] ms = pages.stream().mapToDouble(p -> timed.applyAsLong(p) / 1e6).sorted().toArray();
        return round(ms.length == 0 ? 0 : ms[ms.length / 2]);
    }

    /**
     * H2 counts no secondary index in a table's DISK_SPACE_USED: the index's size is the database file compacted with
     * it, less the file compacted without it (and likewise the box table's, for comparison).
     */
    private static Map<String, Object> h2Sizes(String db) throws java.sql.SQLException {
        String file = db.substring("jdbc:h2:file:".length()).replaceAll(";.*$", "") + ".mv.db";
        Map<String, Object> out = new LinkedHashMap<>();
        long all = compacted(db, file, null);
        long withoutIndex = compacted(db, file, "DROP TABLE search_gram; DROP TABLE search_text");
        long withoutBoxes = compacted(db, file, "DROP TABLE box_reading; DROP TABLE queue_lease; DROP TABLE box");
        out.put("h2_file_bytes_compacted", all);
        out.put("index_bytes", all - withoutIndex);
        out.put("box_table_bytes", withoutIndex - withoutBoxes);
        return out;
    }

    private static long compacted(String db, String file, String drop) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(db, "sa", "");
             java.sql.Statement s = c.createStatement()) {
            if (drop != null) {
                for (String statement : drop.split(";")) {
                    s.execute(statement);
                }
            }
            s.execute("SHUTDOWN COMPACT");
        }
        return new java.io.File(file).length();
    }

    /** A table's size on disk with its indexes and TOAST (PostgreSQL). */
    private static long tableBytes(JdbcTemplate jdbc, String table) {
        return jdbc.queryForObject("SELECT pg_total_relation_size('" + table + "')", Long.class);
    }

    private static double seconds(long t0) {
        return round((System.nanoTime() - t0) / 1e9);
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
