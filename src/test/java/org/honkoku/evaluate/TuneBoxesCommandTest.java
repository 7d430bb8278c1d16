package org.honkoku.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** tune-boxes' leave-one-book-out choice and counts, on books of made-up features. */
class TuneBoxesCommandTest {

    /**
     * A book of 200 boxes, one in ten holding no character; when {@code telling}, feature 2 tells them apart. Its
     * truth has 5 characters the segmenter missed.
     */
    private static TuneBoxesCommand.Book book(String name, boolean telling, Random random) {
        int n = 200;
        double[][] x = new double[n][];
        boolean[] not = new boolean[n];
        int characters = 0;
        for (int i = 0; i < n; i++) {
            not[i] = i % 10 == 0;
            characters += not[i] ? 0 : 1;
            double[] r = new double[8];
            r[0] = 1;
            for (int j = 1; j < r.length; j++) {
                r[j] = random.nextGaussian();
            }
            if (telling) {
                r[2] += not[i] ? 4 : -1;
            }
            x[i] = r;
        }
        return new TuneBoxesCommand.Book(name, x, not, characters + 5, new double[0][]);
    }

    private static List<TuneBoxesCommand.Book> books(boolean telling) {
        Random random = new Random(7);
        List<TuneBoxesCommand.Book> out = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            out.add(book(name, telling, random));
        }
        return out;
    }

    @Test
    void countsTellWhatDroppingDoesToDetection() {
        TuneBoxesCommand.Book b = books(true).get(0);
        double[] p = new double[b.notCharacter().length];
        for (int i = 0; i < p.length; i++) {
            p[i] = b.notCharacter()[i] ? 0.9 : 0.1;
        }
        TuneBoxesCommand.Counts none = TuneBoxesCommand.counts(b, null, 0.5);
        TuneBoxesCommand.Counts all = TuneBoxesCommand.counts(b, p, 0.5);
        assertThat(none.score()).isEqualTo(new Score(180, 20, 5));
        assertThat(all.score()).isEqualTo(new Score(180, 0, 5));
        assertThat(all.dropped()).isEqualTo(20);
        assertThat(all.droppedCharacters()).isZero();
    }

    /**
     * Where a feature tells non-characters apart, a head fitted, and its threshold chosen, on the other books drops
     * the held-out book's non-characters and hardly a character; where nothing tells them apart it drops few boxes.
     */
    @Test
    void onAHeldOutBookDropsWhatTheFeaturesTellApart() {
        List<TuneBoxesCommand.Book> telling = books(true);
        TuneBoxesCommand.HeldOut a = TuneBoxesCommand.heldOut(telling, telling.get(0), new double[]{0.01});
        assertThat(a.choice().threshold()).isLessThan(1);
        assertThat(a.after().dropped()).isGreaterThanOrEqualTo(18);
        assertThat(a.after().droppedCharacters()).isLessThanOrEqualTo(2);
        assertThat(a.after().score().f1()).isGreaterThan(a.before().score().f1() + 0.04);

        List<TuneBoxesCommand.Book> noise = books(false);
        TuneBoxesCommand.HeldOut n = TuneBoxesCommand.heldOut(noise, noise.get(0), new double[]{0.01});
        assertThat(n.after().dropped() - n.after().droppedCharacters()).isLessThan(10);
    }
}
