package org.honkoku.evaluate;

import java.util.List;
import java.util.Locale;

/** Sums page metrics into DESIGN.md's figures and writes them as JSON. */
public final class MetricsReport {

    private MetricsReport() {
    }

    /** @param pipeline whether the pages were run through the pipeline here (else only an export was scored) */
    public static String json(List<PageMetrics> pages, String model, boolean pipeline) {
        PageTotals t = PageTotals.of(pages);
        Score labelled = t.labelled();
        Score detection = t.detection();
        int n = Math.max(1, pages.size());
        StringBuilder out = new StringBuilder("{\n");
        field(out, "pages", pages.size());
        if (pipeline) {
            field(out, "model", quote(model));
        }
        field(out, "f1", num(labelled.f1()));
        field(out, "precision", num(labelled.precision()));
        field(out, "recall", num(labelled.recall()));
        field(out, "detection_f1", num(detection.f1()));
        field(out, "detection_precision", num(detection.precision()));
        field(out, "detection_recall", num(detection.recall()));
        if (!pipeline) {
            out.setLength(out.length() - 2);
            return out.append("\n}").toString();
        }
        field(out, "accuracy", t.accuracy());
        field(out, "rare_recall", t.rareRecall());
        BoxFigures boxes = BoxFigures.of(pages);
        field(out, "box_ece", num(boxes.ece()));
        field(out, "wrong_in_lowest_30pct", num(boxes.wrongInLowest30()));
        field(out, "boxes_right", num(boxes.rightShare()));
        field(out, "dropped_not_character", t.dropped());
        field(out, "dropped_on_truth", t.droppedOnCharacters());
        field(out, "seconds_per_page", num((t.load() + t.segment() + t.classify()) / n));
        out.append("  \"stage_seconds_per_page\": {\"load\": ").append(num(t.load() / n))
                .append(", \"segment\": ").append(num(t.segment() / n))
                .append(", \"classify\": ").append(num(t.classify() / n)).append("},\n");
        out.append("  \"per_book\": {\n");
        List<String> books = pages.stream().map(PageMetrics::book).distinct().toList();
        for (int b = 0; b < books.size(); b++) {
            String book = books.get(b);
            List<PageMetrics> of = pages.stream().filter(p -> p.book().equals(book)).toList();
            out.append("    ").append(quote(book)).append(": ").append(bookJson(of))
                    .append(b + 1 < books.size() ? ",\n" : "\n");
        }
        out.append("  },\n");
        out.append("  \"per_page\": [\n");
        for (int i = 0; i < pages.size(); i++) {
            PageMetrics p = pages.get(i);
            out.append(String.format(Locale.ROOT,
                    "    {\"image_id\": %s, \"boxes\": %d, \"truth\": %d, \"f1\": %s, \"detection_f1\": %s, "
                            + "\"accuracy\": %s, \"seconds\": %s}%s%n",
                    quote(p.imageId()), p.boxes(), p.detection().tp() + p.detection().fn(),
                    num(p.labelled().f1()), num(p.detection().f1()),
                    p.namedTotal() == 0 ? "null" : num((double) p.namedCorrect() / p.namedTotal()),
                    num(p.seconds()), i + 1 < pages.size() ? "," : ""));
        }
        out.append("  ]\n}");
        return out.toString();
    }

    /** One book's (or any group of pages') figures on one line. */
    static String bookJson(List<PageMetrics> pages) {
        PageTotals t = PageTotals.of(pages);
        BoxFigures boxes = BoxFigures.of(pages);
        return String.format(Locale.ROOT, "{\"pages\": %d, \"f1\": %s, \"detection_f1\": %s,"
                        + " \"detection_precision\": %s, \"detection_recall\": %s, \"accuracy\": %s,"
                        + " \"box_ece\": %s, \"wrong_in_lowest_30pct\": %s, \"boxes_right\": %s,"
                        + " \"dropped_not_character\": %d}", pages.size(),
                num(t.labelled().f1()), num(t.detection().f1()), num(t.detection().precision()),
                num(t.detection().recall()), t.accuracy(), num(boxes.ece()),
                num(boxes.wrongInLowest30()), num(boxes.rightShare()), t.dropped());
    }

    private static void field(StringBuilder out, String name, Object value) {
        out.append("  \"").append(name).append("\": ").append(value).append(",\n");
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
