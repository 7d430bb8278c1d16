package org.honkoku.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Two runs started at the same moment, in two JVMs on one database, over overlapping folders (A: a and b,
 * B: b and c): the pages they share are registered once and every page is transcribed by exactly one of
 * them, claimed once, its boxes written once; both runs finish cleanly and did work.
 */
class ConcurrentRunsTest {

    @Test
    void twoRunsOverOverlappingFoldersShareThePagesWithoutDoingAnyTwice(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db/honkoku") + ";AUTO_SERVER=TRUE";
        try (Connection held = ChildJvm.holdDatabase(url)) {
            shareThePages(dir, url, new JdbcTemplate(new SingleConnectionDataSource(held, true)));
        }
    }

    /** Every page has boxes, and no box was written twice (two writes of one page would double its places). */
    static void assertBoxesWrittenOnce(JdbcTemplate db) {
        assertThat(db.queryForObject("""
                SELECT COUNT(*) FROM (SELECT page_id, column_no, order_no FROM box
                                      GROUP BY page_id, column_no, order_no HAVING COUNT(*) > 1) d""",
                Integer.class)).as("boxes written twice").isZero();
        assertThat(db.queryForObject("""
                SELECT COUNT(*) FROM page p WHERE NOT EXISTS (SELECT 1 FROM box b WHERE b.page_id = p.id)""",
                Integer.class)).as("pages without boxes").isZero();
    }

    /** The runs and what they must leave, on any database ({@code db} reads the one at {@code url}). */
    static void shareThePages(Path dir, String url, JdbcTemplate db) throws Exception {
        List<Path> pages = ChildJvm.pages(dir.resolve("all"), 5);
        for (int i = 0; i < pages.size(); i++) {
            Path folder = Files.createDirectories(dir.resolve(String.valueOf("abc".charAt(i % 3))));
            Files.move(pages.get(i), folder.resolve(pages.get(i).getFileName()));
        }
        // the database exists and is migrated, as on any night but the first
        assertThat(CrashRestartTest.jobsListing(url)).contains("(no runs yet)");

        ChildJvm a = ChildJvm.start(dir.resolve("a.log"), "transcribe", dir.resolve("a").toString(),
                dir.resolve("b").toString(), "--db", url);
        ChildJvm b = ChildJvm.start(dir.resolve("b.log"), "transcribe", dir.resolve("b").toString(),
                dir.resolve("c").toString(), "--db", url);
        assertThat(a.exitCode(300)).as(a.output()).isZero();
        assertThat(b.exitCode(300)).as(b.output()).isZero();

        assertThat(db.queryForObject("SELECT COUNT(*) FROM page", Integer.class)).isEqualTo(pages.size());
        assertThat(db.queryForObject("SELECT COUNT(*) FROM page WHERE status = 'DONE' AND attempts = 1",
                Integer.class)).as("pages done, each claimed once").isEqualTo(pages.size());
        assertBoxesWrittenOnce(db);

        List<Map<String, Object>> runs = db.queryForList("""
                SELECT e.JOB_EXECUTION_ID, e.STATUS, s.WRITE_COUNT FROM BATCH_JOB_EXECUTION e
                JOIN BATCH_STEP_EXECUTION s ON s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND s.STEP_NAME = 'transcribe'
                ORDER BY e.JOB_EXECUTION_ID""");
        assertThat(runs).hasSize(2).allSatisfy(run -> assertThat(run.get("STATUS")).isEqualTo("COMPLETED"));
        assertThat(runs.stream().mapToInt(run -> ((Number) run.get("WRITE_COUNT")).intValue()).sum())
                .isEqualTo(pages.size());
        // both really ran at once: each transcribed some of the pages
        assertThat(db.queryForList("SELECT DISTINCT claimed_by FROM page", Long.class)).hasSize(2);
    }
}
