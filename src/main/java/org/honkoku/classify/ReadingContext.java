package org.honkoku.classify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A character n-gram model of kuzushiji text in reading order (columns right to left, characters top to bottom;
 * each column starts afresh, as {@code order - 1} start tokens), over the classifier's classes, smoothed by
 * interpolated Kneser-Ney (the lower orders count the distinct contexts a sequence follows, not its
 * occurrences; one discount per order, from the counts of counts). Built from the competition's box lists
 * ({@code image_id,labels} with {@code U+XXXX x y w h} groups), whose columns are rebuilt from the box positions;
 * kept in a model folder as {@code context.tsv} (the counts of the highest order; the rest is derived on
 * reading). {@link ColumnDecoder} uses it to choose among a column's top-5 candidates.
 */
public final class ReadingContext {

    public static final String FILE = "context.tsv";
    /**
     * The order {@code train} builds, chosen leave-one-book-out ({@code tune}, README "Reading in context and
     * calibrated confidence").
     */
    public static final int DEFAULT_ORDER = 3;
    private static final int BITS = 10;

    private final int classes;
    private final int order;
    private final int columns;
    /** {@code levels[k-1]}: the histories of k-grams (k-1 tokens) and what follows them (counts, or contexts below N). */
    private final List<Map<Long, Followers>> levels = new ArrayList<>();
    private final double[] discount;
    /** Plain relative frequencies of the characters (add-one), the base of {@link #lift}. */
    private final double[] unigram;
    private final Map<Long, Double> grams;

    private static final class Followers {
        final Map<Integer, Double> counts = new HashMap<>();
        double total;
    }

    private ReadingContext(int classes, int order, Map<Long, Double> grams, int columns) {
        if (order < 2 || order > 5 || classes >= (1 << BITS) - 1) {
            throw new IllegalArgumentException("order must be 2..5 and classes fewer than " + ((1 << BITS) - 1));
        }
        this.classes = classes;
        this.order = order;
        this.grams = grams;
        this.columns = columns;
        this.discount = new double[order];
        double[] plain = new double[classes];
        Map<Long, Double> level = grams;
        for (int k = order; k >= 1; k--) {
            Map<Long, Followers> byHistory = new HashMap<>();
            Map<Long, Double> lower = new HashMap<>();
            double n1 = 0;
            double n2 = 0;
            for (var e : level.entrySet()) {
                long gram = e.getKey();
                int next = (int) (gram & mask(1));
                long history = gram >>> BITS;
                Followers f = byHistory.computeIfAbsent(history, h -> new Followers());
                f.counts.merge(next, e.getValue(), Double::sum);
                f.total += e.getValue();
                n1 += e.getValue() == 1 ? 1 : 0;
                n2 += e.getValue() == 2 ? 1 : 0;
                if (k == order) {
                    plain[next] += e.getValue();
                }
                if (k > 1) {
                    lower.merge(gram & mask(k - 1), 1.0, Double::sum); // one more distinct left context
                }
            }
            discount[k - 1] = n1 + 2 * n2 > 0 ? Math.max(0.1, Math.min(0.95, n1 / (n1 + 2 * n2))) : 0.75;
            levels.add(0, byHistory);
            level = lower;
        }
        double total = 0;
        for (double u : plain) {
            total += u;
        }
        this.unigram = new double[classes];
        for (int c = 0; c < classes; c++) {
            unigram[c] = (plain[c] + 1) / (total + classes);
        }
    }

    /** The start of a column, as the "previous character" of its first ones. */
    public int start() {
        return classes;
    }

    public int order() {
        return order;
    }

    public int columns() {
        return columns;
    }

    /** P(next | history), {@code history} the previous {@code order - 1} tokens, oldest first ({@link #start()} before a column). */
    public double probability(int[] history, int next) {
        return probability(history, 0, next);
    }

    private double probability(int[] history, int from, int next) {
        int k = history.length - from + 1;
        if (k == 1) {
            Followers f = levels.get(0).get(0L);
            double base = 1.0 / classes;
            if (f == null) {
                return base;
            }
            double d = discount[0];
            return Math.max(f.counts.getOrDefault(next, 0.0) - d, 0) / f.total + d * f.counts.size() / f.total * base;
        }
        double lower = probability(history, from + 1, next);
        Followers f = levels.get(k - 1).get(key(history, from));
        if (f == null) {
            return lower;
        }
        double d = discount[k - 1];
        return Math.max(f.counts.getOrDefault(next, 0.0) - d, 0) / f.total + d * f.counts.size() / f.total * lower;
    }

    /**
     * log P(next | history) - log P(next): how much more likely {@code next} is after {@code history} than anywhere
     * (the classifier's probabilities already hold how frequent each character is).
     */
    public double lift(int[] history, int next) {
        return Math.log(probability(history, next)) - Math.log(unigram[next]);
    }

    private static long key(int[] history, int from) {
        long k = 0;
        for (int i = from; i < history.length; i++) {
            k = (k << BITS) | history[i];
        }
        return k;
    }

    private static long mask(int tokens) {
        return (1L << (BITS * tokens)) - 1;
    }

    /**
     * Builds the model from a box-list CSV, skipping the pages {@code skip} names (labelled pages kept for
     * evaluation must not leak into it).
     */
    public static ReadingContext build(Path boxesCsv, ClassIndex classes, Predicate<String> skip, int order)
            throws IOException {
        return of(columns(boxesCsv, classes, skip), classes, order);
    }

    /** The columns of a box-list CSV (each a list of class indices, top to bottom), without the pages {@code skip} names. */
    public static List<List<Integer>> columns(Path boxesCsv, ClassIndex classes, Predicate<String> skip)
            throws IOException {
        List<List<Integer>> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(boxesCsv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            int comma = line.indexOf(',');
            if (comma >= 0 && !skip.test(line.substring(0, comma))) {
                out.addAll(columnsOf(line.substring(comma + 1).strip(), classes));
            }
        }
        return out;
    }

    /** The model of order {@code order} counted from columns of {@link #columns}. */
    public static ReadingContext of(List<List<Integer>> columns, ClassIndex classes, int order) {
        int n = classes.size();
        Map<Long, Double> grams = new HashMap<>();
        for (List<Integer> column : columns) {
            int[] history = new int[order - 1];
            java.util.Arrays.fill(history, n);
            for (int c : column) {
                grams.merge((key(history, 0) << BITS) | c, 1.0, Double::sum);
                System.arraycopy(history, 1, history, 0, history.length - 1);
                history[history.length - 1] = c;
            }
        }
        return new ReadingContext(n, order, grams, columns.size());
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
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "# character n-grams in reading order:"
                + " classes\t%d\torder\t%d\tcolumns\t%d%n# g<TAB>t1 ... t%d<TAB>count, token %d = start of a column;"
                + " smoothed by interpolated Kneser-Ney when read%n", classes, order, columns, order, classes));
        grams.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            s.append("g\t");
            for (int i = order - 1; i >= 0; i--) {
                s.append((e.getKey() >>> (BITS * i)) & mask(1)).append(i > 0 ? " " : "");
            }
            s.append('\t').append(e.getValue().longValue()).append('\n');
        });
        Files.writeString(modelDir.resolve(FILE), s, StandardCharsets.UTF_8);
    }

    /** The model in a model folder, or null when it has none. */
    public static ReadingContext read(Path modelDir, int classes) throws IOException {
        Path file = modelDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Map<Long, Double> grams = new HashMap<>();
        int columns = 0;
        int order = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (line.startsWith("# character n-grams")) {
                if (Integer.parseInt(f[1].strip()) != classes) {
                    throw new IOException(file + " is for " + f[1].strip() + " classes, the model has " + classes);
                }
                order = Integer.parseInt(f[3].strip());
                columns = Integer.parseInt(f[5].strip());
            } else if (f[0].equals("g")) {
                long gram = 0;
                for (String t : f[1].split(" ")) {
                    gram = (gram << BITS) | Integer.parseInt(t);
                }
                grams.put(gram, Double.parseDouble(f[2]));
            }
        }
        if (order == 0) {
            throw new IOException(file + " has no '# character n-grams' header (an older bigram file: rebuild it with"
                    + " honkoku tune --write)");
        }
        return new ReadingContext(classes, order, grams, columns);
    }
}
