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

    private Hentaigana() {
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
