package org.honkoku.evaluate;

import java.util.List;
import java.util.Locale;

/** Sums page metrics into DESIGN.md's figures and writes them as JSON. */
public final class MetricsReport {

    private MetricsReport() {
    }

    /** @param pipeline whether the pages were run through the pipeline here (else only an export was scored) */
    public static String json(List<PageMetrics> pages, String model, boolean pipeline) {
        Score labelled = Score.ZERO;
        Score detection = Score.ZERO;
        int namedCorrect = 0;
        int namedTotal = 0;
        int rareCorrect = 0;
        int rareTotal = 0;
        double load = 0;
        double segment = 0;
        double classify = 0;
        for (PageMetrics p : pages) {
            labelled = labelled.plus(p.labelled());
            detection = detection.plus(p.detection());
            namedCorrect += p.namedCorrect();
            namedTotal += p.namedTotal();
            rareCorrect += p.rareCorrect();
            rareTotal += p.rareTotal();
            load += p.loadSeconds();
            segment += p.segmentSeconds();
            classify += p.classifySeconds();
        }
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
        field(out, "accuracy", namedTotal == 0 ? null : num((double) namedCorrect / namedTotal));
        field(out, "rare_recall", rareTotal == 0 ? null : num((double) rareCorrect / rareTotal));
        BoxFigures boxes = BoxFigures.of(pages);
        field(out, "box_ece", num(boxes.ece()));
        field(out, "wrong_in_lowest_30pct", num(boxes.wrongInLowest30()));
        field(out, "boxes_right", num(boxes.rightShare()));
        field(out, "seconds_per_page", num((load + segment + classify) / n));
        out.append("  \"stage_seconds_per_page\": {\"load\": ").append(num(load / n))
                .append(", \"segment\": ").append(num(segment / n))
                .append(", \"classify\": ").append(num(classify / n)).append("},\n");
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
        Score labelled = Score.ZERO;
        Score detection = Score.ZERO;
        int named = 0;
        int correct = 0;
        for (PageMetrics p : pages) {
            labelled = labelled.plus(p.labelled());
            detection = detection.plus(p.detection());
            named += p.namedTotal();
            correct += p.namedCorrect();
        }
        BoxFigures boxes = BoxFigures.of(pages);
        return String.format(Locale.ROOT, "{\"pages\": %d, \"f1\": %s, \"detection_f1\": %s, \"accuracy\": %s,"
                        + " \"box_ece\": %s, \"wrong_in_lowest_30pct\": %s, \"boxes_right\": %s}", pages.size(),
                num(labelled.f1()), num(detection.f1()), named == 0 ? "null" : num((double) correct / named),
                num(boxes.ece()), num(boxes.wrongInLowest30()), num(boxes.rightShare()));
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
