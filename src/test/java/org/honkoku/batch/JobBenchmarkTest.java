package org.honkoku.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.honkoku.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * {@code benchmark --pages}: re-encoded copies of real pages, then the whole transcribe job over them on a database
 * of its own, measured.
 */
class JobBenchmarkTest {

    private static final Path SAMPLES = Path.of("samples").toAbsolutePath();

    @Test
    void copiesAreTheSamePagesAtFallingJpegQualities(@TempDir Path dir) throws Exception {
        assertThat(JobBenchmark.writeCopies(SAMPLES, dir, 3)).isEqualTo(9); // three scans (the PDF is not copied)
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(names).contains("c001-brsk001-009-q95.jpg", "c002-brsk001-009-q72.jpg", "c003-brsk001-009-q50.jpg");
        var best = Imgcodecs.imread(dir.resolve("c001-brsk001-009-q95.jpg").toString());
        var original = Imgcodecs.imread(SAMPLES.resolve("brsk001-009.jpg").toString());
        assertThat(best.size()).isEqualTo(original.size());
        assertThat(Files.size(dir.resolve("c003-brsk001-009-q50.jpg")))
                .isLessThan(Files.size(dir.resolve("c001-brsk001-009-q95.jpg")));
    }

    @Test
    void theJobOverCopiesIsMeasured(@TempDir Path dir) throws Exception {
        Path pages = Files.createDirectories(dir.resolve("pages"));
        Files.copy(SAMPLES.resolve("hnsd001-011.jpg"), pages.resolve("hnsd001-011.jpg"));
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        CommandLine line = CommandLine.parse(List.of("--pages", pages.toString(), "--copies", "2"),
                Set.of("pages", "copies", "keep-copies", "db", "model"), Set.of("copies-only"));

        assertThat(JobBenchmark.run(line, new PrintStream(json, true, StandardCharsets.UTF_8))).isZero();

        String out = json.toString(StandardCharsets.UTF_8);
        assertThat(number(out, "pages")).isEqualTo(2);
        assertThat(number(out, "pages_done")).isEqualTo(2);
        assertThat(number(out, "exit_code")).isZero();
        assertThat(number(out, "pages_per_second")).isPositive();
        assertThat(number(out, "seconds_per_page")).isPositive();
        assertThat(number(out, "cpu_utilisation")).isBetween(0.01, 1.01);
        assertThat(number(out, "peak_resident_mb")).isGreaterThan(100);
        assertThat(out).contains("\"stage_seconds_per_page\": {\"load\": ", "\"stretches\": [");
        // its database and copies were temporary: the pages folder holds only the original
        try (Stream<Path> files = Files.list(pages)) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    private static double number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\": (-?[0-9.]+)").matcher(json);
        assertThat(m.find()).as(field + " in " + json).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
