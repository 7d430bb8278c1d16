package org.honkoku.classify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The classifier's output classes: the most frequent characters of the Kuzushiji Recognition training set
 * (513 of them in a real model; ties broken by code point) followed by {@code rare} for everything else.
 * A model folder stores them as {@code labels.tsv}: {@code index<TAB>U+XXXX<TAB>character}.
 */
public final class ClassIndex {

    public static final int NAMED = 513;
    public static final String RARE = "rare";
    /** How {@code rare} is written in text: the customary mark for an unread character. */
    public static final String RARE_MARK = "\u3013";

    private final List<String> labels;
    private final Map<String, Integer> indexByLabel = new HashMap<>();

    /** @param named the named classes' labels ({@code U+XXXX}) in index order; {@code rare} is appended */
    public ClassIndex(List<String> named) {
        List<String> all = new ArrayList<>(named);
        all.add(RARE);
        this.labels = Collections.unmodifiableList(all);
        for (int i = 0; i < all.size(); i++) {
            if (indexByLabel.put(all.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate class " + all.get(i));
            }
        }
    }

    /** The {@code named} most frequent labels of a {@code U+XXXX<TAB>count} file, ties by code point. */
    public static ClassIndex fromCounts(Path countsTsv, int named) throws IOException {
        record Count(String label, long count) {
        }
        List<Count> counts = new ArrayList<>();
        for (String line : Files.readAllLines(countsTsv, StandardCharsets.UTF_8)) {
            String[] f = line.strip().split("\t");
            if (f.length >= 2 && f[0].startsWith("U+")) {
                counts.add(new Count(f[0], Long.parseLong(f[1].strip())));
            }
        }
        counts.sort(Comparator.comparingLong(Count::count).reversed()
                .thenComparingInt(c -> codePoint(c.label())));
        return new ClassIndex(counts.stream().limit(named).map(Count::label).toList());
    }

    public static ClassIndex load(Path labelsTsv) throws IOException {
        List<String> named = new ArrayList<>();
        for (String line : Files.readAllLines(labelsTsv, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length < 2 || f[1].equals(RARE)) {
                continue;
            }
            if (Integer.parseInt(f[0]) != named.size()) {
                throw new IOException(labelsTsv + ": index " + f[0] + " out of order");
            }
            named.add(f[1]);
        }
        return new ClassIndex(named);
    }

    public void write(Path labelsTsv) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            sb.append(i).append('\t').append(labels.get(i)).append('\t').append(character(i)).append('\n');
        }
        Files.writeString(labelsTsv, sb.toString(), StandardCharsets.UTF_8);
    }

    public int size() {
        return labels.size();
    }

    public int rareIndex() {
        return labels.size() - 1;
    }

    /** The class of a {@code U+XXXX} label: its own index when named, otherwise {@link #rareIndex()}. */
    public int indexOf(String label) {
        Integer i = indexByLabel.get(label);
        return i == null ? rareIndex() : i;
    }

    public boolean isNamed(String label) {
        Integer i = indexByLabel.get(label);
        return i != null && i != rareIndex();
    }

    public String label(int index) {
        return labels.get(index);
    }

    /** The character itself, or 〓 for {@code rare}. */
    public String character(int index) {
        String label = labels.get(index);
        return label.equals(RARE) ? RARE_MARK : new String(Character.toChars(codePoint(label)));
    }

    public List<String> labels() {
        return labels;
    }

    static int codePoint(String label) {
        return Integer.parseInt(label.substring(2), 16);
    }
}
