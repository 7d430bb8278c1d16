package org.honkoku.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hentaigana block (U+1B000–U+1B12F), folded into the modern hiragana they are read as: the Kuzushiji
 * Recognition corpus labels a hentaigana by its reading, so the classifier must learn these historical shapes
 * (mostly cursive forms of other source kanji) as the modern kana's class. The reading comes from the Unicode
 * name ({@code HENTAIGANA LETTER KA-3} → か); letters with two readings ({@code A-WO}) are left out.
 */
final class Hentaigana {

    static final int FIRST = 0x1B000;
    static final int LAST = 0x1B12F;
    private static final String PREFIX = "HENTAIGANA LETTER ";

    /** Kunrei-style syllables of the Unicode names → hiragana. */
    private static final Map<String, Character> KANA = Map.ofEntries(
            Map.entry("A", 'あ'), Map.entry("I", 'い'), Map.entry("U", 'う'), Map.entry("E", 'え'), Map.entry("O", 'お'),
            Map.entry("KA", 'か'), Map.entry("KI", 'き'), Map.entry("KU", 'く'), Map.entry("KE", 'け'), Map.entry("KO", 'こ'),
            Map.entry("SA", 'さ'), Map.entry("SI", 'し'), Map.entry("SU", 'す'), Map.entry("SE", 'せ'), Map.entry("SO", 'そ'),
            Map.entry("TA", 'た'), Map.entry("TI", 'ち'), Map.entry("TU", 'つ'), Map.entry("TE", 'て'), Map.entry("TO", 'と'),
            Map.entry("NA", 'な'), Map.entry("NI", 'に'), Map.entry("NU", 'ぬ'), Map.entry("NE", 'ね'), Map.entry("NO", 'の'),
            Map.entry("HA", 'は'), Map.entry("HI", 'ひ'), Map.entry("HU", 'ふ'), Map.entry("HE", 'へ'), Map.entry("HO", 'ほ'),
            Map.entry("MA", 'ま'), Map.entry("MI", 'み'), Map.entry("MU", 'む'), Map.entry("ME", 'め'), Map.entry("MO", 'も'),
            Map.entry("YA", 'や'), Map.entry("YU", 'ゆ'), Map.entry("YO", 'よ'),
            Map.entry("RA", 'ら'), Map.entry("RI", 'り'), Map.entry("RU", 'る'), Map.entry("RE", 'れ'), Map.entry("RO", 'ろ'),
            Map.entry("WA", 'わ'), Map.entry("WI", 'ゐ'), Map.entry("WE", 'ゑ'), Map.entry("WO", 'を'));

    /**
     * Kanji outside the named classes whose cursive forms are, in kuzushiji text, almost always hentaigana:
     * the corpus labels the shape by its kana far more often than by the kanji (尓 0 times, 波 87 in 683,464
     * characters). Their Kuzushiji-Kanji crops — real brush-written hentaigana shapes, which the fonts can only
     * imitate — are trained as the kana instead of as {@code rare}.
     */
    static final Map<Integer, Integer> SOURCES = Map.ofEntries(
            Map.entry((int) '尓', (int) 'に'), Map.entry((int) '爾', (int) 'に'), Map.entry((int) '波', (int) 'は'),
            Map.entry((int) '志', (int) 'し'), Map.entry((int) '毛', (int) 'も'), Map.entry((int) '留', (int) 'る'),
            Map.entry((int) '礼', (int) 'れ'), Map.entry((int) '奈', (int) 'な'), Map.entry((int) '那', (int) 'な'),
            Map.entry((int) '奴', (int) 'ぬ'), Map.entry((int) '免', (int) 'め'), Map.entry((int) '須', (int) 'す'),
            Map.entry((int) '曽', (int) 'そ'), Map.entry((int) '楚', (int) 'そ'), Map.entry((int) '遍', (int) 'へ'),
            Map.entry((int) '呂', (int) 'ろ'), Map.entry((int) '乎', (int) 'を'), Map.entry((int) '乃', (int) 'の'));

    private Hentaigana() {
    }

    /** {@code U+XXXX} of a hentaigana source kanji in {@link #SOURCES} → its kana's {@code U+XXXX}; else as given. */
    static String readAs(String label) {
        if (!label.startsWith("U+")) {
            return label;
        }
        Integer kana = SOURCES.get(Integer.parseInt(label.substring(2), 16));
        return kana == null ? label : String.format(java.util.Locale.ROOT, "U+%04X", kana);
    }

    /** The modern hiragana a hentaigana code point is read as, if it has exactly one reading. */
    static Optional<Integer> modernKana(int codePoint) {
        if (codePoint < FIRST || codePoint > LAST) {
            return Optional.empty();
        }
        String name = Character.getName(codePoint);
        if (name == null || !name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String syllable = name.substring(PREFIX.length()).replaceAll("-\\d+$", "");
        Character kana = KANA.get(syllable);
        return kana == null ? Optional.empty() : Optional.of((int) kana);
    }

    /** Every hentaigana read as {@code kana}. */
    static List<Integer> variantsOf(int kana) {
        List<Integer> out = new ArrayList<>();
        for (int cp = FIRST; cp <= LAST; cp++) {
            if (modernKana(cp).filter(k -> k == kana).isPresent()) {
                out.add(cp);
            }
        }
        return out;
    }
}
