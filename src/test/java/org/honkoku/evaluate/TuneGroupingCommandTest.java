package org.honkoku.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.honkoku.classify.Classifier;
import org.honkoku.classify.RecognitionScorer;
import org.honkoku.classify.WholeCharacter;
import org.honkoku.ingest.InputLimits;
import org.honkoku.ingest.PageImageLoader;
import org.honkoku.segment.Segmenter;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

class TuneGroupingCommandTest {

    private static final Path MODEL = Path.of("models", "default");
    private static final Path PAGES = Path.of("..", "shared", "data", "pages");
    private static final String HELD_OUT = "200003076";

    @Test
    void overlapIsIntersectionOverUnion() {
        List<TruthBox> truth = List.of(new TruthBox("p", "U+3042", 0, 0, 10, 10),
                new TruthBox("p", "U+3044", 0, 20, 10, 10));
        assertThat(TuneGroupingCommand.bestOverlap(new Rect(0, 0, 10, 10), truth)).isEqualTo(1.0);
        assertThat(TuneGroupingCommand.bestOverlap(new Rect(0, 0, 10, 5), truth)).isEqualTo(0.5);
        // both characters in one box: each is a third of it
        assertThat(TuneGroupingCommand.bestOverlap(new Rect(0, 0, 10, 30), truth)).isCloseTo(1 / 3.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(TuneGroupingCommand.bestOverlap(new Rect(50, 50, 10, 10), truth)).isZero();
    }

    @Test
    void theBestSettingIsTheBestMeanAndNoHeadWinsTies() {
        var none = TuneGroupingCommand.Setting.NONE;
        var a = new TuneGroupingCommand.Setting(0.6, 0.03, 0.5);
        var b = new TuneGroupingCommand.Setting(0.7, 0.03, 0.5);
        Map<TuneGroupingCommand.Setting, Map<String, TuneGroupingCommand.Scores>> scores = new LinkedHashMap<>();
        scores.put(none, Map.of("x", scores(60, 40), "y", scores(50, 50)));
        scores.put(a, Map.of("x", scores(50, 50), "y", scores(60, 40)));
        scores.put(b, Map.of("x", scores(70, 30), "y", scores(40, 60)));
        assertThat(TuneGroupingCommand.best(scores, List.of("x", "y"))).isEqualTo(none);
        assertThat(TuneGroupingCommand.best(scores, List.of("x"))).isEqualTo(b);
        assertThat(TuneGroupingCommand.best(scores, List.of("y"))).isEqualTo(a);
    }

    private static TuneGroupingCommand.Scores scores(int tp, int wrong) {
        Score s = new Score(tp, wrong, wrong);
        return new TuneGroupingCommand.Scores(s, s);
    }

    /**
     * The real thing, leave-one-book-out: a head fitted on the candidate boxes of the other three books' labelled
     * pages groups the page of book 200003076 (which neither the network nor the head learnt from) better than the
     * network alone: end-to-end F1 up by at least two points (measured 0.455 → 0.494 with these settings and the
     * model folder of this commit; 0.444 → 0.488 before it had a "not a character" head).
     */
    @Test
    void aHeadFittedOnOtherBooksGroupsAnUnseenBookBetter() throws Exception {
        Classifier classifier = Classifier.load(MODEL).grouping(null);
        var evaluator = new PipelineEvaluator(new PageImageLoader(InputLimits.defaults()), new Segmenter(), classifier,
                EvaluateCommand.namedClasses(MODEL), null, true);
        List<TuneGroupingCommand.Page> pages = new ArrayList<>();
        try {
            for (var e : TruthCsv.read(PAGES.resolve("truth.csv")).entrySet()) {
                Path image = PAGES.resolve("images").resolve(e.getKey() + ".jpg");
                Mat scan = evaluator.load(e.getKey(), image);
                pages.add(TuneGroupingCommand.candidates(e.getKey(), e.getValue(), scan,
                        new RecognitionScorer(classifier, scan)));
            }
            TuneGroupingCommand.Page held = pages.stream().filter(p -> p.book().equals(HELD_OUT)).findFirst()
                    .orElseThrow();
            long whole = java.util.Arrays.stream(held.iou()).filter(v -> v >= 0.6).count();
            long pieces = java.util.Arrays.stream(held.iou()).filter(v -> v < 0.3).count();
            assertThat(whole).as("candidates that are whole characters").isGreaterThan(held.truth().size() * 3 / 4);
            assertThat(pieces).as("candidates that are pieces or pairs").isGreaterThan(50);

            WholeCharacter head = TuneGroupingCommand.fit(pages, HELD_OUT,
                    new TuneGroupingCommand.Setting(0.6, 0.03, 0.5), "test");
            double meanWhole = 0;
            double meanPiece = 0;
            for (int i = 0; i < held.iou().length; i++) {
                double p = head.probability(held.x()[i]);
                meanWhole += held.iou()[i] >= 0.6 ? p / whole : 0;
                meanPiece += held.iou()[i] < 0.3 ? p / pieces : 0;
            }
            assertThat(meanWhole).as("P(whole) of whole characters vs pieces").isGreaterThan(meanPiece + 0.2);

            double without = evaluator.run(held.id(), held.image(), held.truth(), held.reader().grouping(null))
                    .score(classifier).metrics().labelled().f1();
            double with = evaluator.run(held.id(), held.image(), held.truth(), held.reader().grouping(head))
                    .score(classifier).metrics().labelled().f1();
            assertThat(with).as("f1 with the head (without: %.4f)", without).isGreaterThan(without + 0.02);
        } finally {
            pages.forEach(p -> p.image().release());
        }
    }
}
