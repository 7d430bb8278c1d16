package org.honkoku.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

import org.honkoku.Books;
import org.honkoku.Rects;
import org.honkoku.CommandLine;
import org.honkoku.Defaults;
import org.honkoku.classify.Classifier;
import org.honkoku.classify.RecognitionScorer;
import org.honkoku.classify.WholeCharacter;
import org.honkoku.ingest.InputLimits;
import org.honkoku.ingest.PageImageLoader;
import org.honkoku.segment.GlyphScorer;
import org.honkoku.segment.Segmenter;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * {@code ./honkoku tune-grouping --images DIR --truth CSV [--model DIR] [--iou A,B] [--l2 A,B] [--mix A,B] [--write]}:
 * fits the "one whole character" head ({@link WholeCharacter}) with which the segmenter chooses between groupings of
 * a column's pieces, and chooses its settings leave-one-book-out by end-to-end F1.
 *
 * <p>Each labelled page is segmented four times with the network's confidences bent (as they are, inverted,
 * square-rooted, and random), and every candidate box the grouping search asked about is kept with its features and
 * its best overlap (intersection over union) with a truth box: a candidate is one whole character when that overlap
 * reaches the setting's {@code iou}. For each setting (iou, L2 weight, mix) and each book, a head is fitted on the
 * other books' candidates and the book's pages are segmented and read with it, as {@code transcribe} does them
 * (context, calibration, the "not a character" head), and scored (DESIGN.md). A setting's score is the mean of the
 * books' F1 so measured; the table reports, for each book, the setting best on the other books' scores (those scores
 * come from heads that learnt from this book's candidates too: only the choice of three settings sees it). The head
 * shipped ({@code --write}: {@value WholeCharacter#FILE} and a section of MODEL.md) is fitted on every book with the
 * best setting; when no head beats grouping by the network alone, none is shipped.
 */
public final class TuneGroupingCommand {

    static final String SECTION = "## Grouping: one whole character";

    private TuneGroupingCommand() {
    }

    /** A setting of the head; {@link #NONE} is grouping by the network alone. */
    record Setting(double iou, double l2, double mix) {
        static final Setting NONE = new Setting(0, 0, 0);

        boolean none() {
            return mix == 0;
        }

        String label() {
            return none() ? "no head" : String.format(Locale.ROOT, "iou %.2f, L2 %s, mix %.2f", iou, l2, mix);
        }
    }

    /** A labelled page, kept loaded, with its recogniser (whose readings every trial shares) and its candidates. */
    record Page(String id, String book, List<TruthBox> truth, Mat image, RecognitionScorer reader,
                double[][] x, double[] iou) {
    }

    /** A book's end-to-end and detection scores, pooled over its pages. */
    record Scores(Score labelled, Score detection) {
        static final Scores ZERO = new Scores(Score.ZERO, Score.ZERO);

        Scores plus(PageMetrics m) {
            return new Scores(labelled.plus(m.labelled()), detection.plus(m.detection()));
        }
    }

    public static int run(String[] args) throws IOException {
        CommandLine line = CommandLine.parse(List.of(args), Set.of("images", "truth", "model", "iou", "l2", "mix"),
                Set.of("write"));
        Map<String, List<TruthBox>> truth = TruthCsv.read(Path.of(line.required("truth")));
        Path images = Path.of(line.required("images"));
        Path modelDir = Path.of(line.option("model", Defaults.modelDir().toString()));
        List<Setting> settings = new ArrayList<>();
        settings.add(Setting.NONE);
        for (double iou : line.numbers("iou", "0.6,0.7")) {
            for (double l2 : line.numbers("l2", "0.003,0.03,0.1")) {
                for (double mix : line.numbers("mix", "0.25,0.5,0.75")) {
                    settings.add(new Setting(iou, l2, mix));
                }
            }
        }
        // read as transcribe reads (context, calibration, "not a character"), grouping as each trial says
        Classifier classifier = Classifier.load(modelDir).grouping(null);
        var evaluator = new PipelineEvaluator(new PageImageLoader(InputLimits.defaults()), new Segmenter(), classifier,
                EvaluateCommand.namedClasses(modelDir), null, true);
        List<Page> pages = new ArrayList<>();
        try {
            for (var entry : truth.entrySet()) {
                Path image = EvaluateCommand.find(images, entry.getKey());
                if (image == null) {
                    System.err.println("tune-grouping: no image for " + entry.getKey() + " in " + images + ", skipped");
                    continue;
                }
                Mat scan = evaluator.load(entry.getKey(), image);
                pages.add(candidates(entry.getKey(), entry.getValue(), scan, new RecognitionScorer(classifier, scan)));
            }
            List<String> books = pages.stream().map(Page::book).distinct().toList();
            if (books.size() < 3) {
                throw new IllegalArgumentException("tune-grouping needs labelled pages of three books or more, found "
                        + books);
            }
            Map<Setting, Map<String, Scores>> scores = new LinkedHashMap<>();
            // the fit does not depend on the mix: one per iou, L2 and book left out
            Map<List<Object>, WholeCharacter> fitted = new HashMap<>();
            for (Setting s : settings) {
                Map<String, Scores> byBook = new LinkedHashMap<>();
                for (String book : books) {
                    WholeCharacter head = s.none() ? null : fitted.computeIfAbsent(List.of(s.iou(), s.l2(), book),
                            k -> fit(pages, book, s, "")).withMix(s.mix());
                    Scores total = Scores.ZERO;
                    for (Page p : pages) {
                        if (p.book().equals(book)) {
                            total = total.plus(evaluator.run(p.id(), p.image(), p.truth(), p.reader().grouping(head))
                                    .score(classifier).metrics());
                        }
                    }
                    byBook.put(book, total);
                }
                scores.put(s, byBook);
                System.err.printf(Locale.ROOT, "tune-grouping: %s: mean f1 %.4f%n", s.label(), mean(byBook, books));
            }
            report(args, line.flag("write"), modelDir, classifier, pages, books, scores);
        } finally {
            pages.forEach(p -> p.image().release());
        }
        return 0;
    }

    private static void report(String[] args, boolean write, Path modelDir, Classifier classifier, List<Page> pages,
                               List<String> books, Map<Setting, Map<String, Scores>> scores) throws IOException {
        StringBuilder json = new StringBuilder("{\n  \"model\": \"" + classifier.version() + "\",\n");
        json.append("  \"leave_one_book_out\": {\n");
        StringBuilder md = new StringBuilder("| book | candidates (whole at iou 0.6) | chosen on the other books | f1"
                + " without a head | f1 | detection f1 without | detection f1 |\n| --- | --- | --- | --- | --- | ---"
                + " | --- |\n");
        for (String book : books) {
            Setting chosen = best(scores, books.stream().filter(b -> !b.equals(book)).toList());
            Scores without = scores.get(Setting.NONE).get(book);
            Scores with = scores.get(chosen).get(book);
            int candidates = 0;
            int whole = 0;
            for (Page p : pages) {
                if (p.book().equals(book)) {
                    candidates += p.iou().length;
                    whole += (int) Arrays.stream(p.iou()).filter(v -> v >= 0.6).count();
                }
            }
            json.append(String.format(Locale.ROOT, "    \"%s\": {\"candidates\": %d, \"chosen\": \"%s\","
                            + " \"f1_without\": %.4f, \"f1\": %.4f, \"detection_f1_without\": %.4f,"
                            + " \"detection_f1\": %.4f},%n", book, candidates, chosen.label(),
                    without.labelled().f1(), with.labelled().f1(), without.detection().f1(), with.detection().f1()));
            md.append(String.format(Locale.ROOT, "| %s | %d (%d) | %s | %.3f | **%.3f** | %.3f | %.3f |%n", book,
                    candidates, whole, chosen.label(), without.labelled().f1(), with.labelled().f1(),
                    without.detection().f1(), with.detection().f1()));
        }
        json.setLength(json.length() - 2);
        json.append("\n  },\n  \"settings\": [\n");
        StringBuilder grid = new StringBuilder("| setting | " + String.join(" | ", books) + " | mean |\n|"
                + " --- |".repeat(books.size() + 2) + "\n");
        for (var e : scores.entrySet()) {
            json.append(String.format(Locale.ROOT, "    {\"setting\": \"%s\", \"mean_f1\": %.4f", e.getKey().label(),
                    mean(e.getValue(), books)));
            grid.append("| ").append(e.getKey().label());
            for (String book : books) {
                double f1 = e.getValue().get(book).labelled().f1();
                json.append(String.format(Locale.ROOT, ", \"%s\": %.4f", book, f1));
                grid.append(String.format(Locale.ROOT, " | %.3f", f1));
            }
            json.append("},\n");
            grid.append(String.format(Locale.ROOT, " | %.3f |%n", mean(e.getValue(), books)));
        }
        json.setLength(json.length() - 2);
        Setting shipped = best(scores, books);
        json.append(String.format(Locale.ROOT, "\n  ],\n  \"chosen\": \"%s\"\n}", shipped.label()));
        System.out.println(json);
        if (!write) {
            return;
        }
        String how = "Written by `./honkoku tune-grouping " + String.join(" ", args) + "` on "
                + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + " (model " + classifier.version() + "). Each"
                + " labelled page is segmented with the network's confidences bent four ways, and every candidate box"
                + " the grouping search asked about is kept with its overlap with the truth boxes. For each book a head"
                + " is fitted on the other books' candidates, and the book is segmented and read with it as transcribe"
                + " does (end to end, DESIGN.md, pooled over its pages); each book's setting is the one best on the"
                + " other books' scores:\n\n" + md + "\nEvery setting, each book scored by a head fitted without it:\n\n"
                + grid + "\n";
        if (shipped.none()) {
            Files.deleteIfExists(modelDir.resolve(WholeCharacter.FILE));
            ModelSections.replace(modelDir.resolve("MODEL.md"), SECTION, how + "Grouping by the network alone scored"
                    + " best, so **no head is shipped** (`" + WholeCharacter.FILE + "` absent).\n");
            System.err.println("tune-grouping: no head scored best; removed " + WholeCharacter.FILE + " from "
                    + modelDir);
            return;
        }
        int candidates = pages.stream().mapToInt(p -> p.iou().length).sum();
        WholeCharacter head = fit(pages, null, shipped, String.format(Locale.ROOT, "fitted by tune-grouping on the %d"
                + " candidate boxes of the labelled pages of %s (model %s), %s", candidates, String.join(", ", books),
                classifier.version(), shipped.label()));
        head.write(modelDir);
        ModelSections.replace(modelDir.resolve("MODEL.md"), SECTION, how + "Shipped (`" + WholeCharacter.FILE
                + "`): fitted on all " + candidates + " candidates, " + shipped.label() + " (the best mean over the"
                + " books). On these pages `evaluate`'s figures with it are therefore in-sample; the tables above are"
                + " not.\n");
        System.err.println("tune-grouping: wrote " + WholeCharacter.FILE + " into " + modelDir);
    }

    /**
     * A page's candidate boxes: the boxes the grouping search asks about when the network's confidence {@code c} is
     * taken as it is, as {@code 1 - c}, as {@code sqrt(c)} and at random (seeded by the page), with their features
     * and their best overlap with a truth box.
     */
    static Page candidates(String id, List<TruthBox> truth, Mat scan, RecognitionScorer reader) {
        Random random = new Random(id.hashCode());
        Set<Rect> asked = new LinkedHashSet<>();
        Segmenter segmenter = new Segmenter();
        for (DoubleUnaryOperator bend : List.<DoubleUnaryOperator>of(c -> c, c -> 1 - c, Math::sqrt,
                c -> random.nextDouble())) {
            GlyphScorer scorer = boxes -> {
                asked.addAll(boxes);
                double[] c = reader.confidence(boxes);
                for (int i = 0; i < c.length; i++) {
                    c[i] = bend.applyAsDouble(c[i]);
                }
                return c;
            };
            segmenter.segment(scan, scorer);
        }
        List<Rect> boxes = new ArrayList<>(asked);
        double[][] x = WholeCharacter.features(reader.read(boxes), reader.embeddingsOf(boxes));
        double[] iou = boxes.stream().mapToDouble(b -> bestOverlap(b, truth)).toArray();
        return new Page(id, Books.of(id), truth, scan, reader, x, iou);
    }

    /** The largest intersection over union of a box with any truth box. */
    static double bestOverlap(Rect b, List<TruthBox> truth) {
        double best = 0;
        for (TruthBox t : truth) {
            best = Math.max(best, Rects.overUnion(b, t.rect()));
        }
        return best;
    }

    /** A head fitted on the candidates of every book but {@code without} (null: every book). */
    static WholeCharacter fit(List<Page> pages, String without, Setting s, String note) {
        List<double[]> x = new ArrayList<>();
        List<Boolean> whole = new ArrayList<>();
        for (Page p : pages) {
            if (!p.book().equals(without)) {
                x.addAll(Arrays.asList(p.x()));
                for (double v : p.iou()) {
                    whole.add(v >= s.iou());
                }
            }
        }
        boolean[] y = new boolean[whole.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = whole.get(i);
        }
        return WholeCharacter.fit(x.toArray(new double[0][]), y, s.l2(), s.mix(), note);
    }

    /** The setting with the best mean F1 over {@code books} (the first of equals, so no head wins ties). */
    static Setting best(Map<Setting, Map<String, Scores>> scores, List<String> books) {
        Setting best = null;
        double bestMean = -1;
        for (var e : scores.entrySet()) {
            double m = mean(e.getValue(), books);
            if (m > bestMean + 1e-9) {
                bestMean = m;
                best = e.getKey();
            }
        }
        return best;
    }

    static double mean(Map<String, Scores> byBook, List<String> books) {
        return books.stream().mapToDouble(b -> byBook.get(b).labelled().f1()).average().orElse(0);
    }
}
