package org.honkoku.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.honkoku.HonkokuApplication;
import org.honkoku.PostgresServer;
import org.honkoku.review.AtOnce;
import org.honkoku.review.ReviewAction;
import org.honkoku.review.ReviewBox;
import org.honkoku.review.ReviewBoxRepository;
import org.honkoku.review.ReviewRequest;
import org.honkoku.review.ReviewService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The index's queries on a real PostgreSQL server against the same archive on H2: real transcriptions (the first
 * pages of the Kuzushiji Recognition set, twice at different offsets), queries of one to four characters (frequent,
 * typical, rare, absent), each answered alike by both databases and as a scan of the boxes finds it. Then two
 * reviewers correcting one page at the same moment on PostgreSQL: both saved, the index reads as the boxes.
 */
class PostgresSearchTest {

    static final Path CSV = Path.of("../shared/data/stats/kaggle-train-boxes-711-pages.csv");

    @BeforeAll
    static void postgresInstalled() {
        assumeTrue(PostgresServer.installed(), "no PostgreSQL server installed (.ci/run installs Debian's postgresql)");
        assumeTrue(Files.isRegularFile(CSV), "no " + CSV);
    }

    @Test
    void postgresFindsWhatH2FindsAndWhatTheBoxesRead(@TempDir Path dir) throws Exception {
        SampleArchive archive = SampleArchive.read(CSV).first(40);
        try (PostgresServer postgres = PostgresServer.start();
             ConfigurableApplicationContext pg = app(postgres.createDatabase("honkoku"));
             ConfigurableApplicationContext h2 = app("jdbc:h2:file:" + dir.resolve("honkoku"))) {
            assertThat(jdbc(pg).queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
            for (ConfigurableApplicationContext app : List.of(pg, h2)) {
                archive.write(jdbc(app), 2);
                assertThat(app.getBean(SearchBackfill.class).run()).isEqualTo(80);
            }
            int compared = 0;
            for (int n = 1; n <= 4; n++) {
                for (List<String> queries : SearchBenchmark.queriesOfLength(jdbc(h2), n).values()) {
                    for (String q : queries.subList(0, Math.min(8, queries.size()))) {
                        List<String> onPostgres = lines(pg.getBean(Search.class).find(q, 0, Search.PAGE));
                        assertThat(onPostgres).as(q).isEqualTo(lines(h2.getBean(Search.class).find(q, 0, Search.PAGE)))
                                .isEqualTo(scan(pg, q));
                        compared += onPostgres.size();
                    }
                }
            }
            assertThat(compared).isGreaterThan(1000);

            // two reviewers correct two characters of one page at the same moment
            long page = jdbc(pg).queryForObject("SELECT MIN(id) FROM page", Long.class);
            ReviewBoxRepository boxes = pg.getBean(ReviewBoxRepository.class);
            ReviewService review = pg.getBean(ReviewService.class);
            List<ReviewBox> before = boxes.onPage(page);
            ReviewBox first = before.get(5);
            ReviewBox second = before.get(before.size() - 5);
            List<Callable<Long>> corrections = List.of(
                    () -> review.apply(first.id(), new ReviewRequest(ReviewAction.SET, first.version(), "鬱"), "bob").size() * 1L,
                    () -> review.apply(second.id(), new ReviewRequest(ReviewAction.SET, second.version(), "蠹"), "carol").size() * 1L);
            assertThat(AtOnce.run(corrections)).containsExactly(1L, 1L);
            List<ReviewBox> after = boxes.onPage(page);
            assertThat(jdbc(pg).queryForObject("SELECT text FROM search_text WHERE page_id = ?", String.class, page))
                    .isEqualTo(PageTexts.typed(after, 0, after.size())).contains("鬱", "蠹");
            String corrected = PageTexts.typed(after, 4, 7);
            assertThat(pg.getBean(Search.class).find(corrected, 0, Search.PAGE).hits())
                    .anySatisfy(h -> assertThat(h.pageId() == page && h.position() == 4).isTrue());
        }
    }

    private static ConfigurableApplicationContext app(String url) {
        return new SpringApplicationBuilder(HonkokuApplication.class).run("--spring.datasource.url=" + url);
    }

    private static JdbcTemplate jdbc(ConfigurableApplicationContext app) {
        return app.getBean(JdbcTemplate.class);
    }

    /** The hits as lines that name the page by its image id (ids may differ between databases). */
    private static List<String> lines(SearchResult result) {
        List<String> out = new ArrayList<>(result.hits().stream().map(h -> h.manuscript() + " " + h.imageId() + " "
                + h.column() + " " + h.position() + " " + h.before() + "[" + h.match() + "]" + h.after()).toList());
        out.add(result.more() ? "more" : "all");
        return out;
    }

    /** What the index should answer, from a scan of every page's boxes: the first page of hits, as lines. */
    private static List<String> scan(ConfigurableApplicationContext app, String query) {
        ReviewBoxRepository boxes = app.getBean(ReviewBoxRepository.class);
        int n = query.codePointCount(0, query.length());
        List<String> out = new ArrayList<>();
        for (var page : jdbc(app).queryForList("""
                SELECT p.id, m.name, p.image_id FROM page p JOIN manuscript m ON m.id = p.manuscript_id
                ORDER BY p.manuscript_id, p.id""")) {
            List<ReviewBox> text = boxes.onPage(((Number) page.get("ID")).longValue());
            for (int at : PageTexts.places(text, query)) {
                out.add(page.get("NAME") + " " + page.get("IMAGE_ID") + " " + (text.get(at).column() + 1) + " " + at
                        + " " + PageTexts.shown(text, at - Search.CONTEXT, at)
                        + (PageTexts.columnBreakBefore(text, at) ? "／" : "") + "[" + PageTexts.shown(text, at, at + n) + "]"
                        + (PageTexts.columnBreakBefore(text, at + n) ? "／" : "")
                        + PageTexts.shown(text, at + n, at + n + Search.CONTEXT));
            }
        }
        boolean more = out.size() > Search.PAGE;
        List<String> page = new ArrayList<>(out.subList(0, Math.min(Search.PAGE, out.size())));
        page.add(more ? "more" : "all");
        return page;
    }
}
