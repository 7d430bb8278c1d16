package org.honkoku.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.honkoku.Books;
import org.honkoku.CommandLine;
import org.honkoku.Defaults;
import org.honkoku.classify.Classifier;
import org.honkoku.classify.NotCharacter;
import org.honkoku.classify.WholeCharacter;
import org.honkoku.ingest.InputLimits;
import org.honkoku.ingest.PageImageLoader;
import org.honkoku.segment.CharBox;
import org.honkoku.segment.Segmenter;

/**
 * {@code ./honkoku tune-boxes --images DIR --truth CSV [--model DIR] [--l2 0.003,0.01,0.03] [--write]}: fits the
 * "not a character" head ({@link NotCharacter}) and chooses its threshold leave-one-book-out. Every labelled page is
 * segmented and its boxes read once, as {@code transcribe} does, but with nothing dropped; a box whose centre matches
 * a truth box (the detection rule of DESIGN.md) is a character, any other box is not. For each book: the head is
 * fitted on the other books, its L2 weight and threshold chosen on those books alone (each of them scored by a head
 * fitted without it), and the result scored on the book — the figures that predict a book nothing was tuned on.
 * The head shipped ({@code --write}: {@value NotCharacter#FILE} and a section of MODEL.md) is fitted on every book,
 * with the weight and threshold best over all books' leave-one-book-out scores.
 */
public final class TuneBoxesCommand {

    static final String SECTION = "## Not a character";
    private static final double[] THRESHOLDS = thresholds();

    private TuneBoxesCommand() {
    }

    /**
     * One book's boxes: their features, whether each holds no character, and the book's number of truth boxes; and
     * the features of boxes known to hold no character that were not cut by the segmenter
     * ({@link NonCharacterSamples}), learnt from but not scored.
     */
    record Book(String name, double[][] x, boolean[] notCharacter, int truth, double[][] extra) {
        int characters() {
            int n = 0;
            for (boolean b : notCharacter) {
                n += b ? 0 : 1;
            }
            return n;
        }
    }

    /** A book's detection score when the boxes whose chance exceeds a threshold are dropped, and what was dropped. */
    record Counts(Score score, int dropped, int droppedCharacters) {

        static final Counts ZERO = new Counts(Score.ZERO, 0, 0);

        Counts plus(Counts o) {
            return new Counts(score.plus(o.score), dropped + o.dropped, droppedCharacters + o.droppedCharacters);
        }
    }

    record Choice(double l2, double threshold) {
    }

    public static int run(String[] args) throws IOException {
        CommandLine line = CommandLine.parse(List.of(args), Set.of("images", "truth", "model", "l2"),
                Set.of("write", "without-samples"));
        Map<String, List<TruthBox>> truth = TruthCsv.read(Path.of(line.required("truth")));
        Path images = Path.of(line.required("images"));
        Path modelDir = Path.of(line.option("model", Defaults.modelDir().toString()));
        double[] l2s = line.numbers("l2", "0.003,0.01,0.03");
        // boxes cut as transcribe cuts them (with the model's grouping head), read one by one, nothing dropped
        Classifier classifier = Classifier.load(modelDir, false).grouping(WholeCharacter.read(modelDir));
        var evaluator = new PipelineEvaluator(new PageImageLoader(InputLimits.defaults()), new Segmenter(), classifier,
                EvaluateCommand.namedClasses(modelDir), null, true);
        Map<String, List<PipelineEvaluator.Run>> runs = new LinkedHashMap<>();
        Map<String, List<double[]>> samples = new LinkedHashMap<>();
        long[] seed = {0};
        for (var page : truth.entrySet()) {
            Path image = EvaluateCommand.find(images, page.getKey());
            if (image == null) {
                System.err.println("tune-boxes: no image for " + page.getKey() + " in " + images + ", skipped");
                continue;
            }
            String book = Books.of(page.getKey());
            List<double[]> extra = samples.computeIfAbsent(book, k -> new ArrayList<>());
            PipelineEvaluator.Run run = evaluator.run(page.getKey(), image, page.getValue(), (scan, r) -> {
                if (!line.flag("without-samples") && !r.boxes().isEmpty()) {
                    extra.addAll(Arrays.asList(NonCharacterSamples.features(classifier, scan, page.getValue(),
                            CharBox.sizes(r.boxes()), seed[0]++)));
                }
                return r;
            });
            runs.computeIfAbsent(book, k -> new ArrayList<>()).add(run);
        }
        List<Book> books = runs.entrySet().stream()
                .map(e -> book(e.getKey(), e.getValue(), samples.get(e.getKey()))).toList();
        if (books.size() < 3) {
            throw new IllegalArgumentException("tune-boxes needs labelled pages of three books or more, found "
                    + runs.keySet());
        }

        StringBuilder json = new StringBuilder("{\n  \"model\": \"" + classifier.version() + "\",\n");
        json.append("  \"leave_one_book_out\": {\n");
        StringBuilder md = new StringBuilder("| book | boxes (no character) | chosen on the other books | detection f1"
                + " before | after | precision before → after | recall before → after | dropped (of them on a"
                + " character) |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        Counts before = Counts.ZERO;
        Counts after = Counts.ZERO;
        for (Book test : books) {
            HeldOut outcome = heldOut(books, test, l2s);
            Choice choice = outcome.choice();
            Counts none = outcome.before();
            Counts dropped = outcome.after();
            before = before.plus(none);
            after = after.plus(dropped);
            Score was = none.score();
            Score is = dropped.score();
            int not = test.x().length - test.characters();
            json.append(String.format(Locale.ROOT, "    \"%s\": {\"boxes\": %d, \"not_character\": %d, \"l2\": %s,"
                            + " \"threshold\": %.2f, \"detection_f1_before\": %.4f, \"detection_f1\": %.4f,"
                            + " \"detection_precision\": %.4f, \"detection_recall\": %.4f, \"dropped\": %d,"
                            + " \"dropped_on_character\": %d},%n", test.name(), test.x().length, not, choice.l2(),
                    choice.threshold(), was.f1(), is.f1(), is.precision(), is.recall(), dropped.dropped(),
                    dropped.droppedCharacters()));
            md.append(String.format(Locale.ROOT, "| %s | %d (%d) | L2 %s, threshold %.2f | %.3f | **%.3f** |"
                            + " %.3f → %.3f | %.3f → %.3f | %d (%d) |%n", test.name(), test.x().length, not,
                    choice.l2(), choice.threshold(), was.f1(), is.f1(), was.precision(), is.precision(), was.recall(),
                    is.recall(), dropped.dropped(), dropped.droppedCharacters()));
        }
        double pooledBefore = before.score().f1();
        double pooledAfter = after.score().f1();
        json.append(String.format(Locale.ROOT, "    \"pooled\": {\"detection_f1_before\": %.4f, \"detection_f1\": %.4f,"
                + " \"dropped\": %d, \"dropped_on_character\": %d}%n  },%n", pooledBefore, pooledAfter,
                after.dropped(), after.droppedCharacters()));
        md.append(String.format(Locale.ROOT, "| all, pooled | | | %.3f | **%.3f** | | | %d (%d) |%n", pooledBefore,
                pooledAfter, after.dropped(), after.droppedCharacters()));

        Choice shipped = choose(books, l2s);
        json.append(String.format(Locale.ROOT, "  \"chosen\": {\"l2\": %s, \"threshold\": %.2f}%n}", shipped.l2(),
                shipped.threshold()));
        System.out.println(json);
        if (line.flag("write")) {
            int boxes = books.stream().mapToInt(b -> b.x().length).sum();
            int extra = books.stream().mapToInt(b -> b.extra().length).sum();
            String how = "Written by `./honkoku tune-boxes " + String.join(" ", args) + "` on "
                    + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + " (model " + classifier.version()
                    + "). Every labelled page is segmented and its boxes read with nothing dropped; a box whose centre"
                    + " matches a truth box is a character, the others are not; " + extra + " more boxes of no"
                    + " character (ink outside the truth boxes, drawn rules, corners, specks, strokes) are learnt from"
                    + " but not scored. For each book the head is fitted on the other books, its L2 weight and"
                    + " threshold chosen on them alone, and scored on the book (detection as in DESIGN.md, per book,"
                    + " pooled over its pages):\n\n" + md + "\n";
            if (shipped.threshold() >= 1) {
                // dropping nothing scored best: a head that drops nothing would only cost time
                Files.deleteIfExists(modelDir.resolve(NotCharacter.FILE));
                ModelSections.replace(modelDir.resolve("MODEL.md"), SECTION, how + "Over all books' leave-one-book-out"
                        + " scores, dropping nothing was best, so **no head is shipped** (`" + NotCharacter.FILE
                        + "` absent: every box the segmenter cuts is read).\n");
                System.err.println("tune-boxes: dropping nothing scored best; removed " + NotCharacter.FILE
                        + " from " + modelDir);
                return 0;
            }
            NotCharacter written = fit(books, shipped.l2(), shipped.threshold(), String.format(Locale.ROOT,
                    "fitted by tune-boxes on the %d boxes of the labelled pages of %s and %d samples of no"
                            + " character (model %s), L2 %s", boxes, String.join(", ", runs.keySet()), extra,
                    classifier.version(), shipped.l2()));
            written.write(modelDir);
            ModelSections.replace(modelDir.resolve("MODEL.md"), SECTION, how + "Shipped (`" + NotCharacter.FILE
                    + "`): fitted on all " + boxes + " boxes, L2 " + shipped.l2() + ", threshold "
                    + String.format(Locale.ROOT, "%.2f", shipped.threshold()) + " (best over every book's"
                    + " leave-one-book-out score). On these pages `evaluate`'s figures with it are therefore"
                    + " in-sample; the table above is not.\n");
            System.err.println("tune-boxes: wrote " + NotCharacter.FILE + " into " + modelDir);
        }
        return 0;
    }

    private static Book book(String name, List<PipelineEvaluator.Run> runs, List<double[]> extra) {
        List<double[]> x = new ArrayList<>();
        List<Boolean> not = new ArrayList<>();
        int truthBoxes = 0;
        for (PipelineEvaluator.Run r : runs) {
            List<CharBox> boxes = r.boxes();
            truthBoxes += r.truth().size();
            if (boxes.isEmpty()) {
                continue;
            }
            double[][] f = NotCharacter.features(CharBox.sizes(boxes), r.alone(), r.embeddings());
            List<PredictedPoint> points = boxes.stream().map(b -> new PredictedPoint(null, b.centreX(), b.centreY()))
                    .toList();
            int[] hits = Scorer.matches(r.truth(), points, false);
            for (int i = 0; i < f.length; i++) {
                x.add(f[i]);
                not.add(hits[i] < 0);
            }
        }
        boolean[] labels = new boolean[not.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = not.get(i);
        }
        return new Book(name, x.toArray(new double[0][]), labels, truthBoxes, extra.toArray(new double[0][]));
    }

    /**
     * The L2 weight and threshold with the best pooled detection F1 over {@code books}, each book scored by a head
     * fitted on the others among them.
     */
    static Choice choose(List<Book> books, double[] l2s) {
        Choice best = null;
        double bestF1 = -1;
        for (double l2 : l2s) {
            List<double[]> p = new ArrayList<>();
            for (Book held : books) {
                p.add(probabilities(fit(books.stream().filter(b -> b != held).toList(), l2), held));
            }
            for (double t : THRESHOLDS) {
                Counts c = Counts.ZERO;
                for (int b = 0; b < books.size(); b++) {
                    c = c.plus(counts(books.get(b), p.get(b), t));
                }
                if (c.score().f1() > bestF1 + 1e-9) {
                    bestF1 = c.score().f1();
                    best = new Choice(l2, t);
                }
            }
        }
        return best;
    }

    /** A book scored with nothing dropped and with a head fitted, and its L2 weight and threshold chosen, without it. */
    record HeldOut(Choice choice, Counts before, Counts after) {
    }

    static HeldOut heldOut(List<Book> books, Book test, double[] l2s) {
        List<Book> others = books.stream().filter(b -> b != test).toList();
        Choice choice = choose(others, l2s);
        NotCharacter head = fit(others, choice.l2());
        return new HeldOut(choice, counts(test, null, 2), counts(test, probabilities(head, test), choice.threshold()));
    }

    private static NotCharacter fit(List<Book> books, double l2) {
        return fit(books, l2, 1, "");
    }

    /**
     * Fits on the books' boxes and samples: the boxes holding a character weigh half of the loss, the segmenter's
     * boxes holding none a quarter, the samples a quarter (all of the other half without samples).
     */
    private static NotCharacter fit(List<Book> books, double l2, double threshold, String note) {
        List<double[]> x = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        List<Integer> kind = new ArrayList<>(); // 0 character, 1 cut box holding none, 2 sample
        for (Book b : books) {
            x.addAll(Arrays.asList(b.x()));
            for (boolean v : b.notCharacter()) {
                y.add(v);
                kind.add(v ? 1 : 0);
            }
            x.addAll(Arrays.asList(b.extra()));
            for (int i = 0; i < b.extra().length; i++) {
                y.add(true);
                kind.add(2);
            }
        }
        int[] count = new int[3];
        kind.forEach(k -> count[k]++);
        double[] share = count[2] == 0 ? new double[]{0.5, 0.5, 0} : new double[]{0.5, 0.25, 0.25};
        boolean[] labels = new boolean[y.size()];
        double[] weight = new double[y.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = y.get(i);
            weight[i] = share[kind.get(i)] / Math.max(1, count[kind.get(i)]);
        }
        return NotCharacter.fit(x.toArray(new double[0][]), labels, weight, l2, threshold, note);
    }

    private static double[] probabilities(NotCharacter head, Book book) {
        return Arrays.stream(book.x()).mapToDouble(head::probability).toArray();
    }

    /** A book's detection counts with the boxes above the threshold dropped (p null: none dropped). */
    static Counts counts(Book book, double[] p, double threshold) {
        int tp = 0;
        int fp = 0;
        int dropped = 0;
        int droppedCharacters = 0;
        for (int i = 0; i < book.notCharacter().length; i++) {
            boolean drop = p != null && p[i] > threshold;
            boolean character = !book.notCharacter()[i];
            if (drop) {
                dropped++;
                droppedCharacters += character ? 1 : 0;
            } else if (character) {
                tp++;
            } else {
                fp++;
            }
        }
        return new Counts(new Score(tp, fp, book.truth() - tp), dropped, droppedCharacters);
    }

    /** 0.30 to 0.99 by 0.01, and 1 (drop nothing). */
    private static double[] thresholds() {
        double[] t = new double[71];
        for (int i = 0; i < 70; i++) {
            t[i] = 0.30 + 0.01 * i;
        }
        t[70] = 1;
        return t;
    }
}
