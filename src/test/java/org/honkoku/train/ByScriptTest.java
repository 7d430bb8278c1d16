package org.honkoku.train;

import org.honkoku.classify.ClassIndex;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ByScriptTest {

    // 0 は (a Kuzushiji-MNIST kana), 1 て (a kana without crops of its own), 2 天 (a kanji), 3 rare
    private final ClassIndex classes = new ClassIndex(List.of("U+306F", "U+3066", "U+5929"));

    @Test
    void splitsNamedCropsIntoKanjiKanaWithOwnCropsAndOtherKana() {
        ByScript split = new ByScript(classes, Set.of(0));

        split.accept(0, 0);
        split.accept(0, 1);
        split.accept(1, 2);
        split.accept(1, 1);
        split.accept(1, 3);
        split.accept(2, 2);
        split.accept(3, 3); // rare crops are not named: not counted
        split.accept(3, 0);

        assertThat(split.kanaWithOwnCrops()).isEqualTo(new ByScript.Tally(2, 1));
        assertThat(split.otherKana()).isEqualTo(new ByScript.Tally(3, 1));
        assertThat(split.kanji()).isEqualTo(new ByScript.Tally(1, 1));
        assertThat(split.otherKana().show()).isEqualTo("1/3 (33.3%)");
        assertThat(new ByScript(classes, Set.of()).kanji().show()).isEqualTo("–");
    }
}
