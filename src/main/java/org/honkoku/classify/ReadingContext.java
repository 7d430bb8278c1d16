package org.honkoku.classify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A character bigram model of kuzushiji text in reading order (columns right to left, characters top to
 * bottom; each column starts afresh), over the classifier's classes. Built from the competition's box lists
 * ({@code image_id,labels} with {@code U+XXXX x y w h} groups), whose columns are rebuilt from the box
 * positions; kept in a model folder as {@code context.tsv}. {@link ColumnDecoder} uses it to choose among a
 * column's top-5 candidates.
 */
public final class ReadingContext {

    public static final String FILE = "context.tsv";
    /** Weight of the unigram distribution in the smoothed bigram (in pseudo-counts). */
    private static final double SMOOTHING = 20;

    private final int classes;
    private final double[] unigram;
    /** The sum of {@link #unigram}, fixed once built. */
    private final double unigramTotal;
    private final Map<Long, Double> pairs;
    private final double[] following;
    private final int columns;

    private ReadingContext(int classes, double[] unigram, Map<Long, Double> pairs, double[] following, int columns) {
        this.classes = classes;
        this.unigram = unigram;
        double total = 0;
        for (double u : unigram) {
            total += u;
        }
        this.unigramTotal = total;
        this.pairs = pairs;
        this.following = following;
        this.columns = columns;
    }

    /** The start of a column, as the "previous character" of its first one. */
    public int start() {
        return classes;
    }

    /** log P(next | previous) - log P(next): how much more likely {@code next} is after {@code previous}. */
    public double lift(int previous, int next) {
        double p = (pairs.getOrDefault(key(previous, next), 0.0) + SMOOTHING * unigram(next))
                / (following[previous] + SMOOTHING);
        return Math.log(p) - Math.log(unigram(next));
    }

    public int columns() {
        return columns;
    }

    private double unigram(int c) {
        return (unigram[c] + 1) / (unigramTotal + classes);
    }

    /**
     * Builds the model from a box-list CSV, skipping the pages {@code skip} names (labelled pages kept for
     * evaluation must not leak into it).
     */
    public static ReadingContext build(Path boxesCsv, ClassIndex classes, Predicate<String> skip) throws IOException {
        int n = classes.size();
        double[] unigram = new double[n];
        double[] following = new double[n + 1];
        Map<Long, Double> pairs = new HashMap<>();
        int columns = 0;
        List<String> lines = Files.readAllLines(boxesCsv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            int comma = line.indexOf(',');
            if (comma < 0 || skip.test(line.substring(0, comma))) {
                continue;
            }
            for (List<Integer> column : columnsOf(line.substring(comma + 1).strip(), classes)) {
                int previous = n;
                for (int c : column) {
                    unigram[c]++;
                    following[previous]++;
                    pairs.merge(key(previous, c), 1.0, Double::sum);
                    previous = c;
                }
                columns++;
            }
        }
        return new ReadingContext(n, unigram, pairs, following, columns);
    }

    /** A page's characters grouped into columns (by the x of their centres, right to left), each top to bottom. */
    static List<List<Integer>> columnsOf(String labels, ClassIndex classes) {
        record Box(int label, double cx, double cy, int w) {
        }
        String[] f = labels.isEmpty() ? new String[0] : labels.split("\\s+");
        List<Box> boxes = new ArrayList<>();
        for (int i = 0; i + 4 < f.length; i += 5) {
            int x = Integer.parseInt(f[i + 1]);
            int y = Integer.parseInt(f[i + 2]);
            int w = Integer.parseInt(f[i + 3]);
            int h = Integer.parseInt(f[i + 4]);
            boxes.add(new Box(classes.indexOf(f[i]), x + w / 2.0, y + h / 2.0, w));
        }
        if (boxes.isEmpty()) {
            return List.of();
        }
        double width = boxes.stream().mapToInt(Box::w).sorted().toArray()[boxes.size() / 2];
        boxes.sort(Comparator.comparingDouble(Box::cx).reversed());
        List<List<Box>> columns = new ArrayList<>();
        List<Box> current = new ArrayList<>();
        double sumX = 0;
        for (Box b : boxes) {
            if (!current.isEmpty() && sumX / current.size() - b.cx() > 0.6 * width) {
                columns.add(current);
                current = new ArrayList<>();
                sumX = 0;
            }
            current.add(b);
            sumX += b.cx();
        }
        columns.add(current);
        List<List<Integer>> out = new ArrayList<>();
        for (List<Box> column : columns) {
            column.sort(Comparator.comparingDouble(Box::cy));
            out.add(column.stream().map(Box::label).toList());
        }
        return out;
    }

    public void write(Path modelDir) throws IOException {
        StringBuilder s = new StringBuilder("# character bigrams in reading order: classes\t" + classes + "\tcolumns\t"
                + columns + "\n# u<TAB>class<TAB>count, then b<TAB>previous<TAB>next<TAB>count (previous "
                + classes + " = start of a column)\n");
        for (int c = 0; c < classes; c++) {
            if (unigram[c] > 0) {
                s.append("u\t").append(c).append('\t').append((long) unigram[c]).append('\n');
            }
        }
        pairs.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> s.append("b\t")
                .append(e.getKey() >> 20).append('\t').append(e.getKey() & 0xFFFFF).append('\t')
                .append(e.getValue().longValue()).append('\n'));
        Files.writeString(modelDir.resolve(FILE), s, StandardCharsets.UTF_8);
    }

    /** The model in a model folder, or null when it has none. */
    public static ReadingContext read(Path modelDir, int classes) throws IOException {
        Path file = modelDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        double[] unigram = new double[classes];
        double[] following = new double[classes + 1];
        Map<Long, Double> pairs = new HashMap<>();
        int columns = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (line.startsWith("# character bigrams")) {
                columns = Integer.parseInt(f[3].strip());
            } else if (f[0].equals("u")) {
                unigram[Integer.parseInt(f[1])] = Double.parseDouble(f[2]);
            } else if (f[0].equals("b")) {
                int previous = Integer.parseInt(f[1]);
                double count = Double.parseDouble(f[3]);
                pairs.put(key(previous, Integer.parseInt(f[2])), count);
                following[previous] += count;
            }
        }
        return new ReadingContext(classes, unigram, pairs, following, columns);
    }

    private static long key(int previous, int next) {
        return ((long) previous << 20) | next;
    }
}
