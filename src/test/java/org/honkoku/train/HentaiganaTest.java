package org.honkoku.train;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
    void leavesOutLettersWithTwoReadingsAndEverythingOutsideTheBlock() {
        assertThat(Hentaigana.modernKana(0x1B005)).isEmpty(); // HENTAIGANA LETTER A-WO
        assertThat(Hentaigana.modernKana(0x1B000)).isEmpty(); // KATAKANA LETTER ARCHAIC E
        assertThat(Hentaigana.modernKana('あ')).isEmpty();
        assertThat(Hentaigana.variantsOf('あ')).doesNotContain(0x1B005);
    }
}
