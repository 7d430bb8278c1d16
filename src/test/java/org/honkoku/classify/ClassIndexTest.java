package org.honkoku.classify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClassIndexTest {

    static final Path COUNTS = Path.of("../shared/data/stats/kaggle-train-char-counts.tsv");

    @Test
    void keepsThe513MostFrequentThenRare() throws Exception {
        ClassIndex index = ClassIndex.fromCounts(COUNTS, ClassIndex.NAMED);

        // given the file sorted independently by count (descending), then code point
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(COUNTS)) {
            rows.add(line.split("\t"));
        }
        rows.sort(Comparator.<String[]>comparingLong(r -> -Long.parseLong(r[1]))
                .thenComparingInt(r -> Integer.parseInt(r[0].substring(2), 16)));

        assertThat(index.size()).isEqualTo(514);
        assertThat(index.label(0)).isEqualTo("U+306B");
        assertThat(index.label(512)).isEqualTo(rows.get(512)[0]);
        assertThat(index.label(513)).isEqualTo("rare");
        assertThat(index.rareIndex()).isEqualTo(513);
        assertThat(index.indexOf(rows.get(513)[0])).isEqualTo(513);
        assertThat(index.isNamed(rows.get(513)[0])).isFalse();
        assertThat(index.character(0)).isEqualTo("に");
        assertThat(index.character(513)).isEqualTo("〓");
    }

    @Test
    void breaksTiesByCodePoint(@TempDir Path dir) throws Exception {
        Path counts = dir.resolve("counts.tsv");
        Files.writeString(counts, "U+3042\t9\nU+3046\t5\nU+3044\t5\nU+304A\t1\n");

        ClassIndex index = ClassIndex.fromCounts(counts, 2);

        assertThat(index.labels()).containsExactly("U+3042", "U+3044", "rare");
        assertThat(index.indexOf("U+3046")).isEqualTo(2);
    }

    @Test
    void roundTripsThroughLabelsTsv(@TempDir Path dir) throws Exception {
        ClassIndex index = ClassIndex.fromCounts(COUNTS, ClassIndex.NAMED);
        Path tsv = dir.resolve("labels.tsv");

        index.write(tsv);

        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(514);
        assertThat(lines.get(0)).isEqualTo("0\tU+306B\tに");
        assertThat(lines.get(513)).isEqualTo("513\trare\t〓");
        assertThat(ClassIndex.load(tsv).labels()).isEqualTo(index.labels());
    }
}
