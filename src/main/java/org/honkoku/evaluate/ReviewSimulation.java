package org.honkoku.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.honkoku.Books;
import org.honkoku.Rects;
import org.honkoku.classify.BoxCalibration;
import org.honkoku.classify.Classifier;
import org.honkoku.classify.ClassIndex;
import org.honkoku.classify.Prediction;
import org.honkoku.memory.GlyphMemory;
import org.honkoku.memory.ManuscriptHead;
import org.honkoku.memory.MemoryGlyph;
import org.honkoku.memory.MemoryReader;
import org.honkoku.memory.PageReader;
import org.honkoku.segment.CharBox;
import org.honkoku.store.StoredBox;

/**
 * {@code evaluate --review-first F}: a reviewer who goes through the first fraction F of each page's characters in
 * reading order (on the truth boxes, correcting with the truth), each read with the glyph memory of what was reviewed
 * before it; then the other characters are read with the whole memory. A book is one manuscript (its pages in
 * image-id order), as {@code transcribe} makes a folder one. With {@code --review-pages N} the reviewer does the
 * first N pages of each book whole instead and the rest of the book is measured. The archive-wide memory (every
 * book's reviews) stands in where a book has fewer than {@link MemoryReader#MIN_OWN}, as in the batch.
 */
public final class ReviewSimulation {

    /**
     * One book's (or all books') outcome. {@code coldWrongTwin}: of the measured characters read wrong cold, those
     * whose character a person reviewed in the same book (the most the memory could turn by look-alikes alone);
     * {@code redrawn}: reviewed boxes the reviewer redrew to their character's outline first.
     */
    public record Outcome(int reviewed, int corrections, int coldCorrections, int measured, int coldRight,
                          int adaptedRight, int coldWrongTwin, double coldEce, double adaptedEce, int redrawn) {

        double coldAccuracy() {
            return measured == 0 ? 0 : (double) coldRight / measured;
        }

        double adaptedAccuracy() {
            return measured == 0 ? 0 : (double) adaptedRight / measured;
        }

        double correctionsPer100() {
            return reviewed == 0 ? 0 : 100.0 * corrections / reviewed;
        }

        double coldCorrectionsPer100() {
            return reviewed == 0 ? 0 : 100.0 * coldCorrections / reviewed;
        }
    }

    /** A page's truth boxes in reading order, with what the simulation needs of them. */
    private record Page(List<CharBox> boxes, List<Prediction> alone, List<float[]> embeddings,
                        List<String> truth, int reviewed, long[] ids, int redrawn) {
    }

    /** The memory is fitted into the book's head again each time it has grown by this many glyphs. */
    static final int REFIT_EVERY = 25;

    private final PageReader reader;

    public ReviewSimulation(Classifier classifier, MemoryReader votes) {
        this.reader = new PageReader(classifier, votes);
    }

    /**
     * @param runs        the labelled pages, run through the pipeline
     * @param fraction    the share of each page's characters reviewed (ignored when {@code reviewPages > 0})
     * @param reviewPages the number of leading pages of each book reviewed whole (0: by fraction)
     * @return per book, then "all"
     */
    public Map<String, Outcome> run(List<PipelineEvaluator.Run> runs, double fraction, int reviewPages) {
        return run(runs, fraction, reviewPages, false);
    }

    /**
     * @param onBoxes review the segmenter's boxes (as a reviewer in the UI meets them) rather than the truth boxes: a
     *                box whose centre lies in a truth box not yet taken is read as that box's character, any other is
     *                deleted ("no character", which joins the memory as the UI's delete does); a box not reviewed is
     *                right when its reading is its truth box's, and never when it holds no character
     */
    public Map<String, Outcome> run(List<PipelineEvaluator.Run> runs, double fraction, int reviewPages,
                                    boolean onBoxes) {
        return run(runs, fraction, reviewPages, onBoxes, 0);
    }

    /**
     * @param redrawBelow on the segmenter's boxes, a reviewed box that overlaps its character's truth box by less than
     *                    this share of their union (half a character, two, a box cut off) is first redrawn to the
     *                    character's outline, as a reviewer splits or merges boxes in the UI: its glyph joins the
     *                    memory as the redrawn outline's (the truth box's embedding); 0: boxes are decided as cut
     */
    public Map<String, Outcome> run(List<PipelineEvaluator.Run> runs, double fraction, int reviewPages,
                                    boolean onBoxes, double redrawBelow) {
        List<PipelineEvaluator.Run> ordered = new ArrayList<>(runs);
        ordered.sort(Comparator.comparing(PipelineEvaluator.Run::imageId));
        Map<String, List<Page>> books = new LinkedHashMap<>();
        // every page as read without a memory, as transcribe read it (the segmenter's boxes are read so to be matched)
        Map<Page, List<Prediction>> cold = new HashMap<>();
        long[] nextId = {1};
        for (PipelineEvaluator.Run run : ordered) {
            String book = Books.of(run.imageId());
            List<Page> pages = books.computeIfAbsent(book, b -> new ArrayList<>());
            Boolean whole = reviewPages > 0 ? pages.size() < reviewPages : null;
            pages.add(onBoxes ? pageOfBoxes(run, fraction, whole, nextId, redrawBelow, cold)
                    : page(run, fraction, whole, nextId));
        }
        books.values().forEach(pages -> pages.forEach(p -> cold.computeIfAbsent(p,
                q -> readWith(q, new GlyphMemory(), null, 0))));
        // the reviewer goes through each book's reviewed characters in order, each shown as read with the memory so
        // far; the book's head is fitted again every REFIT_EVERY glyphs
        Map<String, GlyphMemory> memories = new LinkedHashMap<>();
        GlyphMemory archive = new GlyphMemory();
        Map<String, int[]> reviewCounts = new LinkedHashMap<>();
        for (var book : books.entrySet()) {
            GlyphMemory own = memories.computeIfAbsent(book.getKey(), b -> new GlyphMemory());
            int[] counts = reviewCounts.computeIfAbsent(book.getKey(), b -> new int[3]);
            ManuscriptHead head = null;
            for (Page page : book.getValue()) {
                List<Prediction> read = readWith(page, scope(own, archive), head, 0);
                for (int j = 0; j < page.reviewed(); j++) {
                    counts[0]++;
                    counts[1] += read.get(j).best().label().equals(page.truth().get(j)) ? 0 : 1;
                    MemoryGlyph glyph = new MemoryGlyph(page.ids()[j], 0, page.truth().get(j), page.embeddings().get(j));
                    own.add(glyph);
                    archive.add(glyph);
                    if (own.size() % REFIT_EVERY == 0) {
                        head = reader.head(scope(own, archive));
                    }
                    // the page's readings change as the memory grows: the next character is shown as read now
                    read = readWith(page, scope(own, archive), head, j + 1);
                }
            }
            for (Page page : book.getValue()) {
                for (int j = 0; j < page.reviewed(); j++) {
                    counts[2] += cold.get(page).get(j).best().label().equals(page.truth().get(j)) ? 0 : 1;
                }
            }
        }
        Map<String, Outcome> out = new LinkedHashMap<>();
        List<double[]> allCold = new ArrayList<>();
        List<double[]> allAdapted = new ArrayList<>();
        int[] total = new int[8];
        for (var book : books.entrySet()) {
            GlyphMemory scope = scope(memories.get(book.getKey()), archive);
            ManuscriptHead head = reader.head(scope);
            int[] counts = reviewCounts.get(book.getKey());
            int measured = 0;
            int coldRight = 0;
            int adaptedRight = 0;
            int wrongTwin = 0;
            Set<String> reviewedLabels = new HashSet<>();
            memories.get(book.getKey()).glyphs().forEach(g -> reviewedLabels.add(g.label()));
            List<double[]> coldPairs = new ArrayList<>();
            List<double[]> adapted = new ArrayList<>();
            for (Page page : book.getValue()) {
                List<Prediction> before = cold.get(page);
                List<Prediction> after = readWith(page, scope, head, page.reviewed());
                for (int j = page.reviewed(); j < page.boxes().size(); j++) {
                    boolean c = before.get(j).best().label().equals(page.truth().get(j));
                    boolean a = after.get(j).best().label().equals(page.truth().get(j));
                    measured++;
                    coldRight += c ? 1 : 0;
                    adaptedRight += a ? 1 : 0;
                    wrongTwin += !c && reviewedLabels.contains(page.truth().get(j)) ? 1 : 0;
                    coldPairs.add(new double[]{before.get(j).confidence(), c ? 1 : 0});
                    adapted.add(new double[]{after.get(j).confidence(), a ? 1 : 0});
                }
            }
            allCold.addAll(coldPairs);
            allAdapted.addAll(adapted);
            int redrawn = book.getValue().stream().mapToInt(Page::redrawn).sum();
            out.put(book.getKey(), new Outcome(counts[0], counts[1], counts[2], measured, coldRight, adaptedRight,
                    wrongTwin, ece(coldPairs), ece(adapted), redrawn));
            int[] row = {counts[0], counts[1], counts[2], measured, coldRight, adaptedRight, wrongTwin, redrawn};
            for (int i = 0; i < row.length; i++) {
                total[i] += row[i];
            }
        }
        out.put("all", new Outcome(total[0], total[1], total[2], total[3], total[4], total[5], total[6],
                ece(allCold), ece(allAdapted), total[7]));
        return out;
    }

    /**
     * The page read with a memory and a head; its first {@code decided} characters are the reviewer's, and stand in the
     * reading context as certain (as {@code reread --adapt} reads a page).
     */
    private List<Prediction> readWith(Page page, GlyphMemory memory, ManuscriptHead head, int decided) {
        List<Integer> kept = new ArrayList<>();
        List<CharBox> boxes = new ArrayList<>();
        List<Prediction> alone = new ArrayList<>();
        List<float[]> embeddings = new ArrayList<>();
        for (int j = 0; j < page.boxes().size(); j++) {
            String decision = j < decided ? page.truth().get(j) : null;
            if (StoredBox.DELETED.equals(decision)) {
                continue; // a deleted box is no longer part of the page's text
            }
            kept.add(j);
            boxes.add(page.boxes().get(j));
            alone.add(decision != null ? Prediction.certain(decision) : page.alone().get(j));
            embeddings.add(decision != null ? null : page.embeddings().get(j));
        }
        long[] ids = kept.stream().mapToLong(j -> page.ids()[j]).toArray();
        List<Prediction> read = reader.read(boxes, alone, embeddings, ids, memory, head);
        List<Prediction> out = new ArrayList<>();
        for (int j = 0, next = 0; j < page.boxes().size(); j++) {
            boolean in = next < kept.size() && kept.get(next) == j;
            out.add(in ? read.get(next++) : Prediction.certain(StoredBox.DELETED));
        }
        return out;
    }

    private static GlyphMemory scope(GlyphMemory own, GlyphMemory archive) {
        return GlyphMemory.ownOr(own, () -> archive);
    }

    /** A page's truth boxes in reading order. */
    private static Page page(PipelineEvaluator.Run run, double fraction, Boolean wholePage, long[] nextId) {
        PipelineEvaluator.TruthReading t = run.onTruth();
        List<Integer> order = readingOrder(t.boxes());
        int n = order.size();
        int reviewed = wholePage != null ? (wholePage ? n : 0) : (int) Math.round(fraction * n);
        long[] ids = new long[n];
        List<String> truth = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            ids[j] = nextId[0]++;
            String label = run.truth().get(order.get(j)).unicode();
            truth.add(run.named().contains(label) ? label : ClassIndex.RARE);
        }
        return new Page(order.stream().map(t.boxes()::get).toList(), order.stream().map(t.alone()::get).toList(),
                order.stream().map(t.embeddings()::get).toList(), truth, reviewed, ids, 0);
    }

    /**
     * A page's segmented boxes in reading order, each labelled with what a reviewer who knows the truth makes of it:
     * the character of a truth box its centre lies in, {@code rare} for a character outside the named classes, or
     * {@link StoredBox#DELETED} for a box on no character (or on one another box already took). The boxes read right
     * without a memory take their truth boxes first, as {@link BoxOutcomes} matches them; then every other box the
     * first free truth box its centre lies in. So where a character was cut in two, the part read right keeps the
     * character and the other part is deleted, as a reviewer would. A reviewed box that overlaps its truth box by less
     * than {@code redrawBelow} of their union is redrawn to it first (its embedding becomes the truth box's). The
     * page's reading without a memory is put in {@code cold}.
     */
    private Page pageOfBoxes(PipelineEvaluator.Run run, double fraction, Boolean wholePage, long[] nextId,
                             double redrawBelow, Map<Page, List<Prediction>> cold) {
        List<Integer> order = readingOrder(run.boxes());
        int n = order.size();
        int reviewed = wholePage != null ? (wholePage ? n : 0) : (int) Math.round(fraction * n);
        long[] ids = new long[n];
        for (int j = 0; j < n; j++) {
            ids[j] = nextId[0]++;
        }
        List<CharBox> boxes = order.stream().map(run.boxes()::get).toList();
        List<Prediction> alone = order.stream().map(run.alone()::get).toList();
        List<float[]> embeddings = new ArrayList<>(order.stream().map(run.embeddings()::get).toList());
        List<Prediction> read = readWith(new Page(boxes, alone, embeddings,
                new ArrayList<>(Collections.nCopies(n, (String) null)), 0, ids, 0), new GlyphMemory(), null, 0);
        List<PredictedPoint> points = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            points.add(new PredictedPoint(read.get(j).best().label(), boxes.get(j).centreX(), boxes.get(j).centreY()));
        }
        int[] match = BoxOutcomes.matches(run.truth(), points, run.named());
        boolean[] taken = new boolean[run.truth().size()];
        Arrays.stream(match).filter(t -> t >= 0).forEach(t -> taken[t] = true);
        List<String> truth = new ArrayList<>();
        int redrawn = 0;
        for (int j = 0; j < n; j++) {
            for (int t = 0; t < taken.length && match[j] < 0; t++) {
                if (!taken[t] && run.truth().get(t).contains(points.get(j).cx(), points.get(j).cy())) {
                    taken[t] = true;
                    match[j] = t;
                }
            }
            int t = match[j];
            truth.add(t < 0 ? StoredBox.DELETED : label(run, run.truth().get(t)));
            if (t >= 0 && j < reviewed
                    && Rects.overUnion(boxes.get(j).rect(), run.truth().get(t).rect()) < redrawBelow) {
                embeddings.set(j, run.onTruth().embeddings().get(t));
                redrawn++;
            }
        }
        Page page = new Page(boxes, alone, embeddings, truth, reviewed, ids, redrawn);
        cold.put(page, read);
        return page;
    }

    /** What a reviewer types for a truth box: its character, or {@code rare} outside the named classes. */
    private static String label(PipelineEvaluator.Run run, TruthBox box) {
        return run.named().contains(box.unicode()) ? box.unicode() : ClassIndex.RARE;
    }

    /** The boxes' indices in reading order (by column, then place in the column). */
    private static List<Integer> readingOrder(List<CharBox> boxes) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> boxes.get(i).column())
                .thenComparingInt(i -> boxes.get(i).order()));
        return order;
    }

    /** Expected calibration error ({@link BoxCalibration}) over (confidence, right) pairs. */
    private static double ece(List<double[]> pairs) {
        double[] confidence = pairs.stream().mapToDouble(p -> p[0]).toArray();
        boolean[] right = new boolean[pairs.size()];
        for (int i = 0; i < right.length; i++) {
            right[i] = pairs.get(i)[1] > 0;
        }
        return pairs.isEmpty() ? 0 : BoxCalibration.expectedCalibrationError(confidence, right);
    }

    /** The metrics' JSON with the simulation's figures added: overall at the top level, then per book. */
    static String json(String metrics, Map<String, Outcome> outcome, String setting, MemoryReader reader) {
        StringBuilder out = new StringBuilder(metrics.substring(0, metrics.lastIndexOf('}')).stripTrailing());
        Outcome all = outcome.get("all");
        out.append(",\n  ").append(setting).append(",\n  \"memory\": \"").append(reader).append("\",\n");
        out.append(figures(all, "  ", ",\n")).append(",\n  \"review_per_book\": {\n");
        List<String> books = outcome.keySet().stream().filter(b -> !b.equals("all")).toList();
        for (int i = 0; i < books.size(); i++) {
            out.append("    \"").append(books.get(i)).append("\": {")
                    .append(figures(outcome.get(books.get(i)), "", ", ")).append(i + 1 < books.size() ? "},\n" : "}\n");
        }
        return out.append("  }\n}").toString();
    }

    /** Cold → adapted accuracy and corrections per 100, per book, on one line. */
    static String summary(Map<String, Outcome> outcome) {
        StringBuilder out = new StringBuilder();
        outcome.forEach((book, o) -> out.append(String.format(java.util.Locale.ROOT,
                "%s %.3f->%.3f (%.1f->%.1f/100, ece %.3f, cold wrong %d, twin reviewed %d, redrawn %d)  ", book,
                o.coldAccuracy(), o.adaptedAccuracy(), o.coldCorrectionsPer100(), o.correctionsPer100(), o.adaptedEce(),
                o.measured() - o.coldRight(), o.coldWrongTwin(), o.redrawn())));
        return out.toString().trim();
    }

    private static String figures(Outcome o, String indent, String separator) {
        return String.join(separator,
                indent + "\"reviewed\": " + o.reviewed(),
                indent + "\"measured\": " + o.measured(),
                indent + "\"cold_accuracy\": " + MetricsReport.num(o.coldAccuracy()),
                indent + "\"adapted_accuracy\": " + MetricsReport.num(o.adaptedAccuracy()),
                indent + "\"cold_wrong\": " + (o.measured() - o.coldRight()),
                indent + "\"cold_wrong_twin_reviewed\": " + o.coldWrongTwin(),
                indent + "\"corrections_per_100\": " + MetricsReport.num(o.correctionsPer100()),
                indent + "\"cold_corrections_per_100\": " + MetricsReport.num(o.coldCorrectionsPer100()),
                indent + "\"cold_box_ece\": " + MetricsReport.num(o.coldEce()),
                indent + "\"adapted_box_ece\": " + MetricsReport.num(o.adaptedEce()),
                indent + "\"redrawn\": " + o.redrawn());
    }
}
