package org.honkoku.classify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ColumnDecoderTest {

    private static final ClassIndex CLASSES = new ClassIndex(List.of("U+3042", "U+3044", "U+3046")); // あ い う

    /**
     * Pages whose one column reads あいう (40 times) or いあう (40 times), so after あ the next character
     * depends on the one before it — what a bigram cannot tell and a trigram can.
     */
    private static ReadingContext context(Path dir, int order) throws Exception {
        StringBuilder csv = new StringBuilder("image_id,labels\n");
        for (int p = 0; p < 40; p++) {
            csv.append("page").append(p).append(",U+3046 100 300 50 50 U+3042 100 100 50 50 U+3044 100 200 50 50\n");
            csv.append("other").append(p).append(",U+3044 100 100 50 50 U+3042 100 200 50 50 U+3046 100 300 50 50\n");
        }
        csv.append("held-out,U+3044 100 100 50 50 U+3044 100 200 50 50\n");
        Path file = dir.resolve("boxes.csv");
        Files.writeString(file, csv);
        return ReadingContext.build(file, CLASSES, id -> id.equals("held-out"), order);
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
    void kneserNeyProbabilitiesAreADistributionAndFollowTheText(@TempDir Path dir) throws Exception {
        ReadingContext trigram = context(dir, 3);
        assertThat(trigram.columns()).isEqualTo(80); // the held-out page is left out
        int s = trigram.start();
        for (int[] history : new int[][]{{s, s}, {s, 0}, {0, 1}, {2, 2}, {1, 1}}) {
            double sum = 0;
            for (int next = 0; next < CLASSES.size(); next++) {
                sum += trigram.probability(history, next);
            }
            assertThat(sum).as("history %s", java.util.Arrays.toString(history)).isCloseTo(1.0, within(1e-9));
        }
        // after あ い comes う; after い あ comes う too, but after start あ comes い
        assertThat(trigram.probability(new int[]{0, 1}, 2)).isGreaterThan(0.8);
        assertThat(trigram.probability(new int[]{s, 0}, 1)).isGreaterThan(0.8);
        // an unseen history backs off to what follows its last character
        assertThat(trigram.probability(new int[]{2, 0}, 1)).isGreaterThan(trigram.probability(new int[]{2, 0}, 0));
    }

    @Test
    void aDoubtfulReadingGivesWayToWhatTheColumnSaysButASureOneDoesNot(@TempDir Path dir) throws Exception {
        ColumnDecoder decoder = new ColumnDecoder(context(dir, 2), CLASSES, 1.0);

        // the third box is a near tie between い and う; after あ い, the text says う
        List<Prediction> doubtful = List.of(guess("U+3042", 0.9f, "U+3044", 0.1f), guess("U+3044", 0.9f, "U+3042", 0.1f),
                guess("U+3044", 0.5f, "U+3046", 0.45f));
        List<Prediction> read = decoder.decode(new int[]{0, 0, 0}, doubtful);
        assertThat(read).extracting(p -> p.best().label()).containsExactly("U+3042", "U+3044", "U+3046");
        assertThat(read.get(2).best().probability()).isEqualTo(0.45f); // the classifier's own probability
        assertThat(read.get(2).top()).hasSize(2);
        // what the context says of each reading chosen: い after あ is likelier than anywhere (half of what follows
        // あ, a third of all characters), い after い never seen
        double[] support = decoder.support(new int[]{0, 0, 0}, List.of(read.get(0), read.get(1), doubtful.get(2)));
        assertThat(support[1]).isCloseTo(Math.log(1.5), within(0.05));
        assertThat(support[2]).isLessThan(0);

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
    void aTrigramReadsWhatABigramCannot(@TempDir Path dir) throws Exception {
        // い あ ?: the text has い あ う only, while after あ alone い and う are equally common
        List<Prediction> column = List.of(guess("U+3044", 0.9f, "U+3042", 0.1f), guess("U+3042", 0.9f, "U+3044", 0.1f),
                guess("U+3044", 0.55f, "U+3046", 0.45f));
        assertThat(new ColumnDecoder(context(dir, 2), CLASSES, 1.0).decode(new int[]{0, 0, 0}, column).get(2)
                .best().label()).isEqualTo("U+3044");
        assertThat(new ColumnDecoder(context(dir, 3), CLASSES, 1.0).decode(new int[]{0, 0, 0}, column).get(2)
                .best().label()).isEqualTo("U+3046");
    }

    @Test
    void theModelSurvivesItsFile(@TempDir Path dir) throws Exception {
        ReadingContext built = context(dir, 3);
        built.write(dir);
        ReadingContext read = ReadingContext.read(dir, CLASSES.size());
        assertThat(read.columns()).isEqualTo(built.columns());
        assertThat(read.order()).isEqualTo(3);
        for (int a = 0; a <= CLASSES.size(); a++) {
            for (int b = 0; b <= CLASSES.size(); b++) {
                for (int n = 0; n < CLASSES.size(); n++) {
                    assertThat(read.lift(new int[]{a, b}, n)).isEqualTo(built.lift(new int[]{a, b}, n));
                }
            }
        }
        assertThat(ReadingContext.read(dir.resolve("none"), 3)).isNull();
    }
}
