package org.honkoku.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.honkoku.CommandLine;
import org.honkoku.ops.JobsCommand;
import org.honkoku.retry.ReprocessCommand;
import org.honkoku.store.FailureRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Failed pages after a night: {@code jobs --failed} lists them with their reasons and failure references,
 * {@code jobs --trace} prints a failure's stack trace, {@code retry-failed} processes them again (a page that
 * failed for a passing reason is done, a broken file fails again), every failure kept; {@code jobs} lists
 * the runs.
 */
class RetryFailedTest extends JobContextTest {

    @Autowired
    TranscribeCommand transcribe;
    @Autowired
    ReprocessCommand retry;
    @Autowired
    JobsCommand jobs;
    @Autowired
    FailureRepository failures;

    @Test
    void failedPagesAreListedTracedAndRetried(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("night"));
        Path good = Files.copy(ChildJvm.pages(dir.resolve("bands"), 1).get(0), folder.resolve("good.png"));
        byte[] png = Files.readAllBytes(good);
        Path broken = Files.write(folder.resolve("broken.png"), Arrays.copyOf(png, png.length / 2));
        assertThat(transcribe.run(List.of(folder.toString()))).isEqualTo(TranscribeCommand.SOME_PAGES_FAILED);
        // as if the good page had run past a lower time limit that night
        long goodPage = pageId(good);
        long timeLimit = failures.record(goodPage, null, "time limit: the page was not done after 1 s", null);
        jdbc.update("UPDATE page SET status = 'FAILED', error = ?, failure_id = ?, processed_at = ? WHERE id = ?",
                "time limit: the page was not done after 1 s", timeLimit, Timestamp.from(Instant.now()), goodPage);
        long brokenFailure = jdbc.queryForObject("SELECT failure_id FROM page WHERE id = ?", Long.class, pageId(broken));

        String failed = jobs("--failed", "--last", "1000");
        assertThat(failed).containsPattern(brokenFailure + " +" + pageId(broken) + " .*" + broken
                + ": truncated PNG: the file ends before the image does")
                .containsPattern(timeLimit + " +" + goodPage + " .*" + good + ": time limit");
        assertThat(jobs("--trace", String.valueOf(brokenFailure)))
                .contains("reason: truncated PNG").contains("org.honkoku.ingest.BadInputException")
                .contains("at org.honkoku.ingest.PageImageLoader");

        // retry elsewhere: nothing of this folder is touched
        assertThat(retry.retryFailed(List.of(dir.resolve("bands").toString()))).isZero();
        assertThat(status(goodPage)).isEqualTo("FAILED");

        assertThat(retry.retryFailed(List.of(folder.toString()))).isEqualTo(TranscribeCommand.SOME_PAGES_FAILED);
        assertThat(status(goodPage)).isEqualTo("DONE");
        assertThat(boxesOf(good)).isPositive();
        assertThat(count("SELECT attempts FROM page WHERE id = ?", goodPage)).isEqualTo(2);
        assertThat(status(pageId(broken))).isEqualTo("FAILED");
        assertThat(count("SELECT COUNT(*) FROM page_failure WHERE page_id = ?", pageId(broken))).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM page_failure WHERE page_id = ?", goodPage)).isEqualTo(1);

        String runs = jobs();
        assertThat(runs).containsPattern("retryFailed .* COMPLETED +1 +1 ")
                .containsPattern("transcribe .* COMPLETED +1 +1 +2 +0 +" + folder);
    }

    private String jobs(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandLine line = CommandLine.parse(List.of(args), Set.of("last", "trace"), Set.of("failed"));
        assertThat(jobs.run(line, new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private long pageId(Path source) {
        return jdbc.queryForObject("SELECT id FROM page WHERE source_path = ?", Long.class, source.toString());
    }

    private String status(long page) {
        return jdbc.queryForObject("SELECT status FROM page WHERE id = ?", String.class, page);
    }
}
