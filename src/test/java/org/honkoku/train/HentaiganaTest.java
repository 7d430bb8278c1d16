package org.honkoku.train;

import org.honkoku.classify.ClassIndex;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class HentaiganaTest {

    @Test
    void foldsAHentaiganaIntoTheModernKanaItIsReadAs() {
        assertThat(Hentaigana.modernKana(0x1B002)).contains((int) 'あ'); // HENTAIGANA LETTER A-1
        assertThat(Hentaigana.modernKana(0x1B0C0)).contains((int) 'ほ'); // HENTAIGANA LETTER HO-7
    }

    @Test
    void kunreiNamesMapToTheirKana() {
        // SI, TI, TU, HU, WO: the Unicode names use kunrei-style syllables
        assertThat(Hentaigana.variantsOf('し')).isNotEmpty().allMatch(cp -> Character.getName(cp).contains("LETTER SI-"));
        assertThat(Hentaigana.variantsOf('ふ')).isNotEmpty().allMatch(cp -> Character.getName(cp).contains("LETTER HU-"));
        assertThat(Hentaigana.variantsOf('を')).isNotEmpty();
    }

    @Test
    void readsTheCursiveSourceKanjiOfHentaiganaAsTheirKana() {
        assertThat(Hentaigana.readAs("U+5C13")).isEqualTo("U+306B"); // 尓 → に
        assertThat(Hentaigana.readAs("U+6CE2")).isEqualTo("U+306F"); // 波 → は
        assertThat(Hentaigana.readAs("U+8A08")).isEqualTo("U+3051"); // 計 → け
        assertThat(Hentaigana.readAs("U+53EF")).isEqualTo("U+304B"); // 可 → か
        assertThat(Hentaigana.readAs("U+52A0")).isEqualTo("U+52A0"); // 加 is a named kanji class: kept
        assertThat(Hentaigana.readAs("rare")).isEqualTo("rare");
    }

    @Test
    void noSourceKanjiIsANamedClassAndEachIsReadAsANamedKana() throws Exception {
        Path counts = Path.of("../shared/data/stats/kaggle-train-char-counts.tsv");
        assumeTrue(Files.isRegularFile(counts), "../shared missing");
        ClassIndex classes = ClassIndex.fromCounts(counts, ClassIndex.NAMED);
        assertThat(Hentaigana.SOURCES).hasSizeGreaterThan(60);
        Hentaigana.SOURCES.forEach((kanji, kana) -> {
            assertThat(classes.isNamed(String.format("U+%04X", kanji))).as(Character.toString(kanji)).isFalse();
            assertThat(classes.isNamed(String.format("U+%04X", kana))).as(Character.toString(kana)).isTrue();
            assertThat(Character.UnicodeScript.of(kanji)).isEqualTo(Character.UnicodeScript.HAN);
            assertThat(Character.UnicodeBlock.of(kana)).isEqualTo(Character.UnicodeBlock.HIRAGANA);
        });
    }

    @Test
    void leavesOutLettersWithTwoReadingsAndEverythingOutsideTheBlock() {
        assertThat(Hentaigana.modernKana(0x1B005)).isEmpty(); // HENTAIGANA LETTER A-WO
        assertThat(Hentaigana.modernKana(0x1B000)).isEmpty(); // KATAKANA LETTER ARCHAIC E
        assertThat(Hentaigana.modernKana('あ')).isEmpty();
        assertThat(Hentaigana.variantsOf('あ')).doesNotContain(0x1B005);
    }
}
