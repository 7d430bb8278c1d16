package org.honkoku.classify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnDecoderTest {

    private static final ClassIndex CLASSES = new ClassIndex(List.of("U+3042", "U+3044", "U+3046")); // あ い う

    /** Pages whose one column reads あいう, top to bottom, many times. */
    private static ReadingContext context(Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("image_id,labels\n");
        for (int p = 0; p < 40; p++) {
            csv.append("page").append(p).append(",U+3046 100 300 50 50 U+3042 100 100 50 50 U+3044 100 200 50 50\n");
        }
        csv.append("held-out,U+3044 100 100 50 50 U+3044 100 200 50 50\n");
        Path file = dir.resolve("boxes.csv");
        Files.writeString(file, csv);
        return ReadingContext.build(file, CLASSES, id -> id.equals("held-out"));
    }

    private static Prediction guess(String first, float p1, String second, float p2) {
        return new Prediction(List.of(new Candidate(first, p1), new Candidate(second, p2)));
    }

    @Test
    void theColumnsOfABoxListAreRebuiltRightToLeftTopToBottom() {
        // two columns: x 300 (right: あ above い) and x 100 (left: う)
        List<List<Integer>> columns = ReadingContext.columnsOf(
                "U+3046 100 100 50 50 U+3044 300 200 50 50 U+3042 300 100 50 50", CLASSES);
        assertThat(columns).containsExactly(List.of(0, 1), List.of(2));
    }

    @Test
    void aDoubtfulReadingGivesWayToWhatTheColumnSaysButASureOneDoesNot(@TempDir Path dir) throws Exception {
        ReadingContext context = context(dir);
        assertThat(context.columns()).isEqualTo(40); // the held-out page is left out
        assertThat(context.lift(0, 1)).isGreaterThan(0.5); // い follows あ
        ColumnDecoder decoder = new ColumnDecoder(context, CLASSES, 1.0);

        // the third box is a near tie between い and う; after あ い, the text says う
        List<Prediction> doubtful = List.of(guess("U+3042", 0.9f, "U+3044", 0.1f), guess("U+3044", 0.9f, "U+3042", 0.1f),
                guess("U+3044", 0.5f, "U+3046", 0.45f));
        List<Prediction> read = decoder.decode(new int[]{0, 0, 0}, doubtful);
        assertThat(read).extracting(p -> p.best().label()).containsExactly("U+3042", "U+3044", "U+3046");
        assertThat(read.get(2).best().probability()).isEqualTo(0.45f); // the classifier's own probability
        assertThat(read.get(2).top()).hasSize(2);

        // a sure reading stays, whatever the context
        List<Prediction> sure = List.of(guess("U+3042", 0.9f, "U+3044", 0.1f), guess("U+3044", 0.9f, "U+3042", 0.1f),
                guess("U+3044", 0.99f, "U+3046", 0.01f));
        assertThat(decoder.decode(new int[]{0, 0, 0}, sure).get(2).best().label()).isEqualTo("U+3044");

        // and a new column starts afresh: う at the top of column 1 is not read after い
        List<Prediction> twoColumns = List.of(guess("U+3042", 0.9f, "U+3044", 0.1f), guess("U+3044", 0.9f, "U+3042", 0.1f),
                guess("U+3044", 0.5f, "U+3046", 0.45f));
        assertThat(decoder.decode(new int[]{0, 0, 1}, twoColumns).get(2).best().label()).isEqualTo("U+3044");
    }

    @Test
    void theModelSurvivesItsFile(@TempDir Path dir) throws Exception {
        ReadingContext built = context(dir);
        built.write(dir);
        ReadingContext read = ReadingContext.read(dir, CLASSES.size());
        assertThat(read.columns()).isEqualTo(built.columns());
        for (int p = 0; p <= CLASSES.size(); p++) {
            for (int n = 0; n < CLASSES.size(); n++) {
                assertThat(read.lift(p, n)).isEqualTo(built.lift(p, n));
            }
        }
        assertThat(ReadingContext.read(dir.resolve("none"), 3)).isNull();
    }
}
