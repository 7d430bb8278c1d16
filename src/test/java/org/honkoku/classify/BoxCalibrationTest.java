package org.honkoku.classify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BoxCalibrationTest {

    /**
     * Boxes whose classifier says p but that are right only as often as sigmoid(0.5 logit p + 0.5): an overconfident
     * classifier, as on a book it has never seen. A fifth of them are also cut twice too tall (two characters in one
     * box), and those are never right.
     */
    private record Sample(double[][] x, boolean[] right, double[] raw) {
    }

    private static Sample overconfident(long seed, int n) {
        Random random = new Random(seed);
        List<int[]> sizes = new ArrayList<>();
        List<Prediction> predictions = new ArrayList<>();
        boolean[] right = new boolean[n];
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            double p = 0.05 + 0.949 * random.nextDouble();
            boolean tall = random.nextInt(5) == 0;
            sizes.add(new int[]{50, tall ? 100 : 50});
            predictions.add(new Prediction(List.of(new Candidate("U+3042", (float) p),
                    new Candidate("U+3044", (float) ((1 - p) / 2)))));
            double truly = 1 / (1 + Math.exp(-(0.5 * Math.log(p / (1 - p)) + 0.5)));
            right[i] = !tall && random.nextDouble() < truly;
            raw[i] = p;
        }
        return new Sample(BoxCalibration.features(sizes, predictions, null), right, raw);
    }

    @Test
    void aFittedCalibrationTurnsAnOverconfidentClassifierIntoProbabilities() {
        Sample train = overconfident(1, 4000);
        BoxCalibration fit = BoxCalibration.fit(train.x(), train.right(), 1.0, "test");
        Sample test = overconfident(2, 4000);
        double[] calibrated = new double[test.x().length];
        for (int i = 0; i < calibrated.length; i++) {
            calibrated[i] = fit.probability(test.x()[i]);
        }
        double rawEce = BoxCalibration.expectedCalibrationError(test.raw(), test.right());
        double ece = BoxCalibration.expectedCalibrationError(calibrated, test.right());
        double rawLow = BoxCalibration.wrongInLowest30(test.raw(), test.right());
        double low = BoxCalibration.wrongInLowest30(calibrated, test.right());
        assertThat(rawEce).isGreaterThan(0.1);
        assertThat(ece).isLessThan(0.03);
        // the boxes cut too tall are found: they are most of the least confident
        assertThat(low).isGreaterThan(rawLow + 0.1);
        double[] w = fit.weights();
        assertThat(w[BoxCalibration.FEATURES.indexOf("logit_p")]).isBetween(0.2, 0.8);
        assertThat(w[BoxCalibration.FEATURES.indexOf("height_off")]).isLessThan(-2);
    }

    @Test
    void calibrationErrorAndTheLowestThirtyPercentAreCountedExactly() {
        double[] confidence = {0.95, 0.95, 0.15, 0.15, 0.55, 0.55, 0.55, 0.55, 0.85, 0.35};
        boolean[] right = {true, true, false, true, true, false, true, false, true, false};
        // bins: 0.9-1: conf 1.9 vs 2 right; 0.1-0.2: 0.3 vs 1; 0.5-0.6: 2.2 vs 2; 0.8-0.9: 0.85 vs 1; 0.3-0.4: 0.35 vs 0
        double expected = (0.1 + 0.7 + 0.2 + 0.15 + 0.35) / 10;
        assertThat(BoxCalibration.expectedCalibrationError(confidence, right)).isCloseTo(expected, within(1e-12));
        // lowest 3 of 10: the two 0.15s and the 0.35; wrong are boxes 2, 5, 7, 9: two of four among them
        assertThat(BoxCalibration.wrongInLowest30(confidence, right)).isEqualTo(0.5);
    }

    @Test
    void theWeightsSurviveTheirFileAndABrokenFileIsRefused(@TempDir Path dir) throws Exception {
        BoxCalibration c = new BoxCalibration(new double[]{-1, 0.9, -0.4, 0.6, 0.3, -0.1, -0.3, -0.2}, "fitted here");
        c.write(dir);
        BoxCalibration read = BoxCalibration.read(dir);
        assertThat(read.weights()).containsExactly(c.weights());
        assertThat(read.note()).isEqualTo("fitted here");
        assertThat(BoxCalibration.read(dir.resolve("none"))).isNull();
        Files.writeString(dir.resolve(BoxCalibration.FILE), "bias\t1\nlogit_p\t2\n");
        assertThatThrownBy(() -> BoxCalibration.read(dir)).hasMessageContaining("lacks the weight of margin");
    }

    @Test
    void aClassifierWithACalibrationGivesEachBoxItsCalibratedConfidence() {
        ClassIndex classes = new ClassIndex(List.of("U+3042", "U+3044"));
        BoxCalibration halve = new BoxCalibration(new double[]{-10, 0, 0, 0, 0, 0, 0, 0}, "");
        Classifier plain = new Classifier(null, classes, "t", null, 0, null);
        Classifier calibrated = plain.reading(null, 0, halve);
        List<Prediction> page = List.of(new Prediction(List.of(new Candidate("U+3042", 0.9f))),
                new Prediction(List.of(new Candidate("U+3044", 0.6f))));
        List<int[]> sizes = List.of(new int[]{40, 40}, new int[]{40, 40});
        assertThat(plain.inContext(new int[]{0, 0}, sizes, page)).extracting(Prediction::confidence)
                .containsExactly(0.9f * 1.0, 0.6f * 1.0);
        assertThat(calibrated.inContext(new int[]{0, 0}, sizes, page)).extracting(Prediction::confidence)
                .allSatisfy(c -> assertThat(c).isCloseTo(1 / (1 + Math.exp(10)), within(1e-9)));
    }
}
