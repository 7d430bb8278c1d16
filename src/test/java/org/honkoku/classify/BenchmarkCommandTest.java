package org.honkoku.classify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's output and its MODEL.md update; its figures are checked for sanity, never for speed. */
class BenchmarkCommandTest {

    @Test
    void measuresTheThreeBatchSizesOnRealCropsAndRewritesOnlyTheSpeedSection(@TempDir Path dir) throws Exception {
        // given a copy of the shipped model whose MODEL.md has a speed section between two others
        Path model = Files.createDirectories(dir.resolve("model"));
        for (String f : new String[]{"network.zip", "labels.tsv", "model.properties"}) {
            Files.copy(ShippedModel.DIR.resolve(f), model.resolve(f));
        }
        Files.writeString(model.resolve("MODEL.md"), "# m\n\n## Accuracy\n\nkept\n\n## Inference speed\n\nold figures\n\n## After\n\nkept too\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // when
        int code = new BenchmarkCommand(new PrintStream(out, true, StandardCharsets.UTF_8))
                .execute(new String[]{"--model", model.toString(), "--crops", "samples", "--seconds", "0.3", "--update"});

        // then
        assertThat(code).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        for (int batch : BenchmarkCommand.BATCHES) {
            Matcher m = Pattern.compile("\\| " + batch + " \\| (\\d+) \\|").matcher(printed);
            assertThat(m.find()).as(printed).isTrue();
            assertThat(Integer.parseInt(m.group(1))).isPositive();
        }
        assertThat(printed).containsPattern("resident \\d+ MB").contains("real page crops");
        String md = Files.readString(model.resolve("MODEL.md"));
        assertThat(md).contains("## Accuracy\n\nkept", "## After\n\nkept too", printed).doesNotContain("old figures");
    }

    @Test
    void failsClearlyWithoutCrops(@TempDir Path dir) {
        assertThat(new BenchmarkCommand(System.out).execute(new String[]{"--crops", dir.toString(), "--seconds", "0.1"}))
                .isEqualTo(1);
    }
}
