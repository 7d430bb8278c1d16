package org.honkoku.classify;

import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped model on real crops: it must read most of them, with well-formed top-5 answers. */
class ClassifierTest {

    @Test
    void readsRealKanjiCropsAsAScanShowsThem() throws Exception {
        List<ShippedModel.Image> images = ShippedModel.named("kkanji/images.u8.gz", "kkanji/labels.txt", 64, 40);
        List<Mat> scans = images.stream().map(ShippedModel.Image::asScan).toList();

        List<Prediction> predictions = ShippedModel.classifier().classify(scans);

        assertThat(predictions).hasSize(images.size());
        assertThat(correct(images, predictions)).isGreaterThanOrEqualTo(36); // of 40; the shipped v2 and v3 read all 40
        predictions.forEach(ClassifierTest::wellFormed);
    }

    @Test
    void readsHiraganaItNeverSawInTraining() throws Exception {
        // Kuzushiji-49's test images: not part of the training data (kmnist is the MNIST-style test set)
        List<ShippedModel.Image> images = ShippedModel.named("kmnist/k49-first100.u8.gz", "kmnist/k49-first100.labels.txt", 28, 100);
        float[][] inputs = images.stream().map(i -> Preprocess.toFloats(Preprocess.whiteOnBlack(i.whiteOnBlack())))
                .toArray(float[][]::new);

        List<Prediction> predictions = ShippedModel.classifier().classifyInputs(inputs);

        // the shipped v7 model reads 62 of these 100, v3 read 58, v2 62 (the v1 model, without font-drawn kana, read 44)
        assertThat(correct(images, predictions)).isGreaterThanOrEqualTo(54);
        predictions.forEach(ClassifierTest::wellFormed);
    }

    @Test
    void isThreadSafeAndKnowsItsVersion() throws Exception {
        Classifier classifier = ShippedModel.classifier();
        List<Mat> scans = ShippedModel.named("kkanji/images.u8.gz", "kkanji/labels.txt", 64, 10).stream()
                .map(ShippedModel.Image::asScan).toList();

        CompletableFuture<List<Prediction>> a = CompletableFuture.supplyAsync(() -> classifier.classify(scans));
        CompletableFuture<List<Prediction>> b = CompletableFuture.supplyAsync(() -> classifier.classify(scans));

        assertThat(a.get()).isEqualTo(b.get());
        assertThat(classifier.version()).startsWith("honkoku-cnn-");
        assertThat(classifier.classes().size()).isEqualTo(514);
    }

    private static int correct(List<ShippedModel.Image> images, List<Prediction> predictions) {
        int correct = 0;
        for (int i = 0; i < images.size(); i++) {
            correct += predictions.get(i).best().label().equals(images.get(i).label()) ? 1 : 0;
        }
        return correct;
    }

    private static void wellFormed(Prediction p) {
        assertThat(p.top()).hasSize(5);
        double sum = 0;
        for (int i = 0; i < 5; i++) {
            Candidate c = p.top().get(i);
            assertThat(c.label()).matches("U\\+[0-9A-F]{4,5}|rare");
            assertThat(c.probability()).isBetween(0f, 1f);
            if (i > 0) {
                assertThat(c.probability()).isLessThanOrEqualTo(p.top().get(i - 1).probability());
            }
            sum += c.probability();
        }
        assertThat(sum).isLessThanOrEqualTo(1.0001);
        assertThat(p.best()).isEqualTo(p.top().get(0));
    }
}
