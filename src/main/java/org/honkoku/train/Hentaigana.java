package org.honkoku.train;

import java.util.ArrayList;
import java.util.HashMap;
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
     * Kanji outside the named classes whose cursive forms serve, in kuzushiji text, as hentaigana: the sources of
     * the modern hiragana that are not named classes themselves (計 of け, 利 of り, 比 of ひ, 末 of ま...) and the
     * common sources of hentaigana (可 of か, 耳 of に, 濃 of の, 路 of ろ...). The corpus labels such a shape by its
     * kana when it is one; as kanji these are rare (at most 125 times in 683,464 characters, 尓 0 times) and their
     * kana are among the most frequent characters, so a brush shape of one is far more likely to be the kana. Their
     * Kuzushiji-Kanji crops — real brush-written shapes, which the fonts can only imitate — are trained as the kana
     * instead of as {@code rare} (the price: the few real uses of these kanji are read as the kana). Kana, then its
     * source kanji:
     */
    private static final String SOURCE_TABLE = "あ:阿 か:可 き:幾支喜貴期季祈 く:具倶求 け:計希 こ:己許 さ:沙差散"
            + " し:志 す:須寿受 せ:聲瀬 そ:曽楚處蘇 た:堂 ち:遅智致 て:而帝亭 と:止登砥 な:奈那 に:尓爾仁耳 ぬ:奴"
            + " ね:祢 の:乃農濃 は:波盤破 ひ:比非飛悲 へ:遍閉 ほ:保奉 ま:末満麻萬 み:微 む:舞 め:免 も:毛茂裳 よ:与"
            + " ら:良羅 り:利李梨離 る:留 れ:礼連麗 ろ:呂路露楼 を:乎緒 ん:无";

    /** Source kanji (code point) → the kana it is read as; see {@link #SOURCE_TABLE}. */
    static final Map<Integer, Integer> SOURCES = sources(SOURCE_TABLE);

    private Hentaigana() {
    }

    private static Map<Integer, Integer> sources(String table) {
        Map<Integer, Integer> out = new HashMap<>();
        for (String entry : table.split(" ")) {
            int kana = entry.codePointAt(0);
            entry.substring(entry.indexOf(':') + 1).codePoints().forEach(kanji -> {
                if (out.put(kanji, kana) != null) {
                    throw new IllegalStateException("source kanji listed twice: " + Character.toString(kanji));
                }
            });
        }
        return Map.copyOf(out);
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
