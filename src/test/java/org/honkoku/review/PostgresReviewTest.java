package org.honkoku.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.honkoku.HonkokuApplication;
import org.honkoku.PostgresServer;
import org.honkoku.batch.TranscribeCommand;
import org.honkoku.export.ExportCommand;
import org.honkoku.retry.ReprocessCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The review side on a real PostgreSQL server, as several reviewers and a nightly run share one database:
 * a page transcribed (and a re-run that adds nothing), two reviewers saving one character at the same moment
 * (the row lock lets one win, the other gets a conflict), three reviewers asking the queue at once (no
 * character held by two), a re-read with the reviews kept, and the text export with the reviewed reading.
 */
class PostgresReviewTest {

    @BeforeAll
    static void postgresInstalled() {
        assumeTrue(PostgresServer.installed(), "no PostgreSQL server installed (.ci/run installs Debian's postgresql)");
    }

    private static final Path SAMPLE = Path.of("samples/100241706_00004_2.jpg").toAbsolutePath();

    @Test
    void reviewersAndRunsShareOnePostgresDatabase(@TempDir Path dir) throws Exception {
        try (PostgresServer postgres = PostgresServer.start();
             ConfigurableApplicationContext app = new SpringApplicationBuilder(HonkokuApplication.class)
                     .run("--spring.datasource.url=" + postgres.createDatabase("honkoku"))) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
            TranscribeCommand transcribe = app.getBean(TranscribeCommand.class);
            ReviewBoxRepository boxes = app.getBean(ReviewBoxRepository.class);
            ReviewService review = app.getBean(ReviewService.class);

            assertThat(transcribe.run(List.of(SAMPLE.toString()))).isZero();
            long page = jdbc.queryForObject("SELECT id FROM page WHERE source_path = ?", Long.class, SAMPLE.toString());
            int boxCount = boxes.onPage(page).size();
            assertThat(boxCount).isBetween(60, 90);
            assertThat(transcribe.run(List.of(SAMPLE.toString()))).isZero();
            assertThat(boxes.onPage(page)).hasSize(boxCount);

            // two reviewers save the same character at once: one wins, the other is told
            ReviewBox box = boxes.onPage(page).get(3);
            assertThat(AtOnce.save(review, box, List.of(new String[] {"bob", "U+3046"}, new String[] {"carol", "U+3048"})))
                    .containsExactlyInAnyOrder("saved", "conflict");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM review_action WHERE box_id = ?", Integer.class,
                    box.id())).isEqualTo(1);

            // three reviewers ask the queue at the same moment: nobody holds what another holds
            assertThat(AtOnce.ask(app.getBean(ReviewQueue.class), List.of("alice", "bob", "carol"), 10))
                    .hasSize(30).doesNotHaveDuplicates();

            // a new model reads the page again: the reviewed reading stays, in its place
            String reading = boxes.find(box.id()).orElseThrow().reviewed();
            jdbc.update("UPDATE page SET model_version = 'honkoku-cnn-older' WHERE id = ?", page);
            assertThat(app.getBean(ReprocessCommand.class).reread(List.of())).isZero();
            assertThat(boxes.find(box.id()).orElseThrow().reviewed()).isEqualTo(reading);
            assertThat(boxes.onPage(page)).hasSize(boxCount).extracting(ReviewBox::id).contains(box.id());

            Path text = dir.resolve("pages.txt");
            app.getBean(ExportCommand.class).run("text", text.toString(), false);
            String exported = Files.readString(text, StandardCharsets.UTF_8);
            assertThat(exported).startsWith("# 100241706_00004_2")
                    .contains(new String(Character.toChars(Integer.parseInt(reading.substring(2), 16))));
        }
    }
}
