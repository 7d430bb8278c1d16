package org.honkoku.evaluate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.honkoku.Books;
import org.honkoku.CommandLine;
import org.honkoku.Defaults;
import org.honkoku.classify.BoxCalibration;
import org.honkoku.classify.Classifier;
import org.honkoku.classify.NotCharacter;
import org.honkoku.classify.Prediction;
import org.honkoku.classify.ReadingContext;
import org.honkoku.classify.WholeCharacter;
import org.honkoku.ingest.InputLimits;
import org.honkoku.ingest.PageImageLoader;
import org.honkoku.segment.CharBox;
import org.honkoku.segment.Segmenter;
import org.honkoku.train.TrainCommand;

/**
 * {@code ./honkoku tune --images DIR --truth CSV --data DIR [--model DIR] [--orders 2,3,4] [--weights ...]
 * [--write]}: chooses how a model reads in context and how sure it says it is, leave-one-book-out over the books of
 * the labelled pages. Each page is segmented and read once; then, for every n-gram order and weight, its boxes are
 * read in context again (the n-grams built from the box lists of {@code --data}, without any page of these books).
 * For each book, the setting best on the other books is scored on it; the setting best on all of them is the one
 * chosen. The box calibration ({@link BoxCalibration}) is then fitted on the other books and scored on each book
 * the same way, and finally fitted on all of them. Prints it all as JSON; {@code --write} stores the chosen n-grams
 * ({@code context.tsv}), weight ({@code model.properties}) and calibration ({@code calibration.tsv}) in the model
 * folder.
 */
public final class TuneCommand {

    private static final double L2 = 1.0;
    static final String SECTION = "## Reading in context and box calibration";

    private TuneCommand() {
    }

    record Setting(int order, double weight) {
        String name() {
            return weight == 0 ? "none" : String.format(Locale.ROOT, "order %d, weight %.2f", order, weight);
        }
    }

    public static int run(String[] args) throws IOException {
        CommandLine line = CommandLine.parse(List.of(args), Set.of("images", "truth", "model", "data", "orders",
                "weights", "fit-books"), Set.of("write"));
        Map<String, List<TruthBox>> truth = TruthCsv.read(Path.of(line.required("truth")));
        Path images = Path.of(line.required("images"));
        Path data = Path.of(line.required("data"));
        Path modelDir = Path.of(line.option("model", Defaults.modelDir().toString()));
        int[] orders = Arrays.stream(line.option("orders", "2,3,4").split(",")).mapToInt(Integer::parseInt).toArray();
        double[] weights = line.numbers("weights", "0.25,0.5,0.75,1.0,1.25");
        // boxes grouped with the model's grouping head (tune-grouping), and those its "not a character" head drops
        // (tune-boxes) dropped, as in transcribe
        Classifier classifier = Classifier.load(modelDir, false).sifting(NotCharacter.read(modelDir))
                .grouping(WholeCharacter.read(modelDir));
        var evaluator = new PipelineEvaluator(new PageImageLoader(InputLimits.defaults()), new Segmenter(), classifier,
                EvaluateCommand.namedClasses(modelDir), null, true);
        List<PipelineEvaluator.Run> runs = new ArrayList<>();
        for (var page : truth.entrySet()) {
            Path image = EvaluateCommand.find(images, page.getKey());
            if (image == null) {
                System.err.println("tune: no image for " + page.getKey() + " in " + images + ", skipped");
                continue;
            }
            runs.add(evaluator.run(page.getKey(), image, page.getValue()));
        }
        List<String> books = runs.stream().map(r -> Books.of(r.imageId()))
                .distinct().toList();
        if (books.size() < 2) {
            throw new IllegalArgumentException("tune needs labelled pages of two books or more, found " + books);
        }

        Path boxes = data.resolve("stats").resolve("kaggle-train-boxes-711-pages.csv");
        Predicate<String> withheld = TrainCommand.withheldFromContext(data);
        Map<Integer, ReadingContext> contexts = new LinkedHashMap<>();
        Map<Setting, List<PageMetrics>> scored = new LinkedHashMap<>();
        scored.put(new Setting(0, 0), scoreAll(runs, classifier.reading(null, 0, null)));
        List<List<Integer>> columns = ReadingContext.columns(boxes, classifier.classes(), withheld);
        for (int order : orders) {
            ReadingContext context = ReadingContext.of(columns, classifier.classes(), order);
            contexts.put(order, context);
            for (double w : weights) {
                scored.put(new Setting(order, w), scoreAll(runs, classifier.reading(context, w, null)));
            }
        }

        StringBuilder out = new StringBuilder("{\n  \"model\": \"" + classifier.version() + "\",\n");
        out.append("  \"books\": ").append(jsonList(books)).append(",\n");
        out.append("  \"settings\": {\n");
        int s = 0;
        for (var e : scored.entrySet()) {
            out.append("    \"").append(e.getKey().name()).append("\": {\"all\": ")
                    .append(MetricsReport.bookJson(e.getValue()));
            for (String book : books) {
                out.append(", \"").append(book).append("\": ").append(MetricsReport.num(f1(of(e.getValue(), book))));
            }
            out.append(++s < scored.size() ? "},\n" : "}\n");
        }
        out.append("  },\n  \"context_leave_one_book_out\": {\n");
        String heldOut = heldOutBook(modelDir);
        StringBuilder md = new StringBuilder("Reading in context, leave-one-book-out: for each book, the n-gram order"
                + " and weight best (F1 end to end, DESIGN.md) on the other books, scored on it.\n\n"
                + "| book | page crops in the network's training | chosen on the other books | f1 | f1 without"
                + " context |\n| --- | --- | --- | --- | --- |\n");
        double meanF1 = 0;
        double meanNone = 0;
        for (int b = 0; b < books.size(); b++) {
            String book = books.get(b);
            Setting best = best(scored, p -> !p.book().equals(book));
            double f1 = f1(of(scored.get(best), book));
            double none = f1(of(scored.get(new Setting(0, 0)), book));
            meanF1 += f1 / books.size();
            meanNone += none / books.size();
            out.append(String.format(Locale.ROOT, "    \"%s\": {\"chosen_on_the_others\": \"%s\", \"f1\": %s,"
                    + " \"f1_without_context\": %s},%n", book, best.name(), MetricsReport.num(f1),
                    MetricsReport.num(none)));
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %.3f |%n", book, trained(book, heldOut),
                    best.name(), f1, none));
        }
        Setting chosen = best(scored, p -> true);
        out.append(String.format(Locale.ROOT, "    \"mean\": {\"f1\": %s, \"f1_without_context\": %s}%n  },%n",
                MetricsReport.num(meanF1), MetricsReport.num(meanNone)));
        out.append("  \"context_chosen\": \"").append(chosen.name()).append("\",\n");
        md.append(String.format(Locale.ROOT, "| mean | | | %.3f | %.3f |%n%nChosen on all of them: **%s**%s.%n%n",
                meanF1, meanNone, chosen.name(), chosen.weight() == 0 ? "" : String.format(Locale.ROOT,
                        " (%d columns of the 711 pages' box lists, without any page of the dev books)",
                        contexts.get(chosen.order()).columns())));
        Map<String, String> lobo = new LinkedHashMap<>();

        ReadingContext context = chosen.weight() == 0 ? null : contexts.get(chosen.order());
        Classifier reader = classifier.reading(context, chosen.weight(), null);
        Map<String, Boxes> byBook = new LinkedHashMap<>();
        for (PipelineEvaluator.Run r : runs) {
            byBook.computeIfAbsent(Books.of(r.imageId()), k -> new Boxes())
                    .add(r, reader);
        }
        out.append("  \"calibration_leave_one_book_out\": {\n");
        Boxes pooled = new Boxes();
        for (String book : books) {
            Boxes train = new Boxes();
            byBook.forEach((k, v) -> {
                if (!k.equals(book)) {
                    train.addAll(v);
                }
            });
            BoxCalibration fit = BoxCalibration.fit(train.x(), train.right(), L2, "");
            Boxes test = byBook.get(book);
            double[] calibrated = test.apply(fit);
            pooled.addAll(test, calibrated);
            out.append(String.format(Locale.ROOT, "    \"%s\": {\"boxes\": %d, \"boxes_right\": %s, \"box_ece\": %s,"
                            + " \"wrong_in_lowest_30pct\": %s, \"box_ece_uncalibrated\": %s,"
                            + " \"wrong_in_lowest_30pct_uncalibrated\": %s},%n", book, test.size(),
                    MetricsReport.num(test.rightShare()),
                    MetricsReport.num(BoxCalibration.expectedCalibrationError(calibrated, test.right())),
                    MetricsReport.num(BoxCalibration.wrongInLowest30(calibrated, test.right())),
                    MetricsReport.num(BoxCalibration.expectedCalibrationError(test.raw(), test.right())),
                    MetricsReport.num(BoxCalibration.wrongInLowest30(test.raw(), test.right()))));
            lobo.put(book, String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.3f | %.3f | %%s | %.2f | %.2f | %%s |",
                    book, trained(book, heldOut), test.size(), test.rightShare(),
                    BoxCalibration.expectedCalibrationError(test.raw(), test.right()),
                    BoxCalibration.expectedCalibrationError(calibrated, test.right()),
                    BoxCalibration.wrongInLowest30(test.raw(), test.right()),
                    BoxCalibration.wrongInLowest30(calibrated, test.right())));
        }
        out.append(String.format(Locale.ROOT, "    \"pooled\": {\"boxes\": %d, \"box_ece\": %s,"
                        + " \"wrong_in_lowest_30pct\": %s}%n  },%n", pooled.size(),
                MetricsReport.num(BoxCalibration.expectedCalibrationError(pooled.given(), pooled.right())),
                MetricsReport.num(BoxCalibration.wrongInLowest30(pooled.given(), pooled.right()))));
        List<String> fitBooks = line.options().containsKey("fit-books")
                ? List.of(line.required("fit-books").split(",")) : books;
        Boxes all = new Boxes();
        for (String book : fitBooks) {
            if (!byBook.containsKey(book)) {
                throw new IllegalArgumentException("--fit-books: no labelled page of book " + book);
            }
            all.addAll(byBook.get(book));
        }
        BoxCalibration calibration = BoxCalibration.fit(all.x(), all.right(), L2, String.format(Locale.ROOT,
                "fitted by tune on the %d boxes of the labelled pages of book(s) %s, read with %s", all.size(),
                String.join(", ", fitBooks), chosen.name()));
        out.append("  \"calibration_fitted_on\": ").append(jsonList(fitBooks)).append(",\n");
        out.append("  \"calibration_on_each_book\": {");
        md.append("Box calibration: boxes right, and the box-level calibration error (10 bins) and share of the wrong"
                + " boxes among the least confident 30% — with the classifier's probability as the confidence, with a"
                + " calibration fitted on the other books (leave-one-book-out), and with the one shipped (`")
                .append(BoxCalibration.FILE).append("`, fitted on ").append(String.join(", ", fitBooks))
                .append("; *in-sample* on those).\n\n| book | page crops in the network's training | boxes | right |"
                        + " ECE raw | ECE leave-one-out | ECE shipped | lowest 30% raw | leave-one-out | shipped |\n"
                        + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (int b = 0; b < books.size(); b++) {
            Boxes test = byBook.get(books.get(b));
            double[] c = test.apply(calibration);
            md.append(String.format(Locale.ROOT, lobo.get(books.get(b)),
                    String.format(Locale.ROOT, "%.3f%s", BoxCalibration.expectedCalibrationError(c, test.right()),
                            fitBooks.contains(books.get(b)) ? "*" : ""),
                    String.format(Locale.ROOT, "%.2f%s", BoxCalibration.wrongInLowest30(c, test.right()),
                            fitBooks.contains(books.get(b)) ? "*" : ""))).append('\n');
            out.append(String.format(Locale.ROOT, "\"%s\": {\"box_ece\": %s, \"wrong_in_lowest_30pct\": %s,"
                            + " \"fitted_on_it\": %s}%s", books.get(b),
                    MetricsReport.num(BoxCalibration.expectedCalibrationError(c, test.right())),
                    MetricsReport.num(BoxCalibration.wrongInLowest30(c, test.right())), fitBooks.contains(books.get(b)),
                    b + 1 < books.size() ? ", " : "},\n"));
        }
        out.append("  \"calibration\": {");
        double[] w = calibration.weights();
        for (int j = 0; j < w.length; j++) {
            out.append(String.format(Locale.ROOT, "\"%s\": %.4f%s", BoxCalibration.FEATURES.get(j), w[j],
                    j + 1 < w.length ? ", " : ""));
        }
        out.append("}\n}");
        System.out.println(out);

        if (line.flag("write")) {
            if (context != null) {
                context.write(modelDir);
            } else {
                Files.deleteIfExists(modelDir.resolve(ReadingContext.FILE));
            }
            writeWeight(modelDir, chosen.weight());
            calibration.write(modelDir);
            ModelSections.replace(modelDir.resolve("MODEL.md"), SECTION, "Written by `./honkoku tune "
                    + String.join(" ", args) + "` on " + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                    + " (model " + classifier.version() + "). Each labelled page is segmented and read once; its"
                    + " boxes are then read in context with every n-gram order and weight tried.\n\n" + md);
            System.err.println("tune: wrote " + ReadingContext.FILE + " (" + chosen.name() + "), context.weight and "
                    + BoxCalibration.FILE + " into " + modelDir);
        }
        return 0;
    }

    /** The boxes of some pages: their calibration features, whether each was read right, and its raw confidence. */
    private static final class Boxes {
        private final List<double[]> x = new ArrayList<>();
        private final List<Boolean> right = new ArrayList<>();
        private final List<Double> raw = new ArrayList<>();
        private final List<Double> given = new ArrayList<>();

        void add(PipelineEvaluator.Run run, Classifier reader) {
            List<CharBox> boxes = run.boxes();
            if (boxes.isEmpty()) {
                return;
            }
            int[] columns = boxes.stream().mapToInt(CharBox::column).toArray();
            List<int[]> sizes = CharBox.sizes(boxes);
            PipelineEvaluator.Scored scored = run.score(reader); // read in context, not calibrated
            List<Prediction> decoded = scored.predictions();
            double[][] features = BoxCalibration.features(sizes, decoded, reader.contextSupport(columns, decoded));
            boolean[] ok = scored.metrics().right();
            for (int i = 0; i < features.length; i++) {
                x.add(features[i]);
                right.add(ok[i]);
                raw.add((double) decoded.get(i).best().probability());
            }
        }

        void addAll(Boxes other) {
            x.addAll(other.x);
            right.addAll(other.right);
            raw.addAll(other.raw);
        }

        void addAll(Boxes other, double[] confidence) {
            addAll(other);
            for (double c : confidence) {
                given.add(c);
            }
        }

        int size() {
            return x.size();
        }

        double[][] x() {
            return x.toArray(new double[0][]);
        }

        boolean[] right() {
            boolean[] r = new boolean[right.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = right.get(i);
            }
            return r;
        }

        double[] raw() {
            return raw.stream().mapToDouble(Double::doubleValue).toArray();
        }

        double[] given() {
            return given.stream().mapToDouble(Double::doubleValue).toArray();
        }

        double[] apply(BoxCalibration c) {
            return x.stream().mapToDouble(c::probability).toArray();
        }

        double rightShare() {
            return right.isEmpty() ? 0 : right.stream().filter(b -> b).count() / (double) right.size();
        }
    }

    private static List<PageMetrics> scoreAll(List<PipelineEvaluator.Run> runs, Classifier reader) {
        return runs.stream().map(r -> r.score(reader).metrics()).toList();
    }

    private static List<PageMetrics> of(List<PageMetrics> pages, String book) {
        return pages.stream().filter(p -> p.book().equals(book)).toList();
    }

    private static double f1(List<PageMetrics> pages) {
        return PageTotals.of(pages).labelled().f1();
    }

    /** The setting with the best F1 over the pages {@code use} keeps (the first of equals: no context before any). */
    static Setting best(Map<Setting, List<PageMetrics>> scored, Predicate<PageMetrics> use) {
        Setting best = null;
        double bestF1 = -1;
        for (var e : scored.entrySet()) {
            double f1 = f1(e.getValue().stream().filter(use).toList());
            if (f1 > bestF1 + 1e-9) {
                best = e.getKey();
                bestF1 = f1;
            }
        }
        return best;
    }

    /** Sets {@code context.weight} in the model folder's model.properties, keeping its other lines. */
    private static void writeWeight(Path modelDir, double weight) throws IOException {
        Path props = modelDir.resolve(Classifier.PROPERTIES);
        List<String> lines = new ArrayList<>(Files.exists(props) ? Files.readAllLines(props, StandardCharsets.UTF_8)
                : List.of());
        lines.removeIf(l -> l.startsWith("context.weight="));
        lines.add("context.weight=" + weight);
        Files.write(props, lines, StandardCharsets.UTF_8);
    }

    /** The dev book whose page crops the network did not learn from ({@code held-out-book} in model.properties). */
    private static String heldOutBook(Path modelDir) throws IOException {
        return Classifier.properties(modelDir).getProperty(TrainCommand.HELD_OUT_PROPERTY, "");
    }

    private static String trained(String book, String heldOut) {
        return heldOut.isEmpty() ? "?" : book.equals(heldOut) ? "no (held out)" : "yes";
    }

    private static String jsonList(List<String> items) {
        return items.stream().map(i -> '"' + i + '"').collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }
}
