package org.honkoku.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.Locale;

/**
 * The validation sets scored at every checkpoint. Model selection and the plateau schedule use the mean top-1
 * of Kuzushiji-Kanji, Kuzushiji-MNIST and the held-out font: sources of which the training set holds other
 * images. The real-page figures (Kuzushiji-49's first 100 and the held-out book) are reported beside them but
 * never used to choose anything, so that they stay an honest estimate of how the model reads unseen books.
 */
final class Validation {

    private final SampleSet kkanji;
    private final SampleSet kmnist;
    private final SampleSet synthetic;
    private final SampleSet k49;
    private final SampleSet book;
    private final int classes;

    private Validation(SampleSet kkanji, SampleSet kmnist, SampleSet synthetic, SampleSet k49, SampleSet book,
                       int classes) {
        this.kkanji = kkanji;
        this.kmnist = kmnist;
        this.synthetic = synthetic;
        this.k49 = k49;
        this.book = book;
        this.classes = classes;
    }

    /** About a thousand Kuzushiji-Kanji images keep each checkpoint's evaluation to seconds. */
    static Validation quick(TrainingData data, int classes) {
        return new Validation(data.kkanjiVal.every(Math.max(1, data.kkanjiVal.size() / 1000)), data.kmnistVal.every(2),
                data.syntheticVal, data.k49, data.bookVal, classes);
    }

    Scores score(MultiLayerNetwork net) {
        return new Scores(Evaluation.of(net, kkanji, classes), Evaluation.of(net, kmnist, classes),
                Evaluation.of(net, synthetic, classes), Evaluation.of(net, k49, classes), Evaluation.of(net, book, classes));
    }

    record Scores(Evaluation kkanji, Evaluation kmnist, Evaluation synthetic, Evaluation k49, Evaluation book) {

        /** Mean top-1 of the selection sets that are present (NaN-free; 0 when none is). */
        double selection() {
            double sum = 0;
            int n = 0;
            for (Evaluation e : new Evaluation[]{kkanji, kmnist, synthetic}) {
                if (!Double.isNaN(e.all())) {
                    sum += e.all();
                    n++;
                }
            }
            return n == 0 ? 0 : sum / n;
        }

        String csv() {
            return String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f,%.4f,%.4f", kkanji.all(), kmnist.all(),
                    synthetic.all(), k49.all(), book.named(), book.rareRecall());
        }

        String describe() {
            return String.format(Locale.ROOT, "val kkanji %.3f kmnist %.3f synthetic %.3f | real: k49 %.3f book-named %.3f"
                    + " book-rare-recall %.3f", kkanji.all(), kmnist.all(), synthetic.all(), k49.all(), book.named(),
                    book.rareRecall());
        }
    }
}
