package org.honkoku.evaluate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.honkoku.CommandLine;
import org.honkoku.Defaults;
import org.honkoku.classify.Classifier;
import org.honkoku.memory.MemoryReader;
import org.honkoku.ingest.InputLimits;
import org.honkoku.ingest.PageImageLoader;
import org.honkoku.segment.Segmenter;

/**
 * {@code ./honkoku evaluate --images DIR --truth CSV [--overlays DIR]}: runs the pipeline on labelled pages and
 * prints DESIGN.md's metrics as JSON; {@code --overlays} also draws each page with its hits, misses and false
 * alarms; {@code --geometry-only} segments without the classifier in the loop, for comparison; {@code --fade K}
 * reads every page with its contrast lowered to K (paper as it is), as a faint scan; {@code --turn K} reads every page
 * (and its truth) turned by K quarter turns clockwise, as a scan on its side or upside down.
 * {@code --kaggle CSV} instead scores an export of {@code transcribe}.
 */
public final class EvaluateCommand {

    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".tif", ".tiff");

    private EvaluateCommand() {
    }

    public static int run(String[] args) throws IOException {
        CommandLine line = CommandLine.parse(List.of(args), Set.of("images", "truth", "model", "kaggle", "overlays",
                        "review-first", "review-pages", "review-on", "redraw-below", "memory", "fade", "turn"),
                Set.of("geometry-only"));
        Map<String, List<TruthBox>> truth = TruthCsv.read(Path.of(line.required("truth")));
        List<PageMetrics> pages = new ArrayList<>();
        String model = null;
        if (line.options().containsKey("kaggle")) {
            Map<String, List<PredictedPoint>> predicted = KaggleCsv.read(Path.of(line.required("kaggle")));
            for (var page : truth.entrySet()) {
                List<PredictedPoint> points = predicted.getOrDefault(page.getKey(), List.of());
                List<PredictedPoint> unlabelled = points.stream()
                        .map(p -> new PredictedPoint(null, p.cx(), p.cy())).toList();
                pages.add(new PageMetrics(page.getKey(), points.size(), Scorer.score(page.getValue(), points, true),
                        Scorer.score(page.getValue(), unlabelled, false)));
            }
        } else {
            Path images = Path.of(line.required("images"));
            Path modelDir = Path.of(line.option("model", Defaults.modelDir().toString()));
            Classifier classifier = Classifier.load(modelDir);
            model = classifier.version();
            Path overlays = line.options().containsKey("overlays") ? Path.of(line.required("overlays")) : null;
            if (overlays != null) {
                Files.createDirectories(overlays);
            }
            var evaluator = new PipelineEvaluator(new PageImageLoader(InputLimits.defaults()), new Segmenter(),
                    classifier, namedClasses(modelDir), overlays, !line.flag("geometry-only"),
                    Double.parseDouble(line.option("fade", "1")), Integer.parseInt(line.option("turn", "0")));
            boolean review = line.options().containsKey("review-first") || line.options().containsKey("review-pages");
            List<PipelineEvaluator.Run> runs = new ArrayList<>();
            for (var page : truth.entrySet()) {
                Path image = find(images, page.getKey());
                if (image == null) {
                    System.err.println("evaluate: no image for " + page.getKey() + " in " + images + ", skipped");
                    continue;
                }
                if (review) {
                    PipelineEvaluator.Run run = evaluator.run(page.getKey(), image, page.getValue());
                    runs.add(run);
                    pages.add(run.score(classifier).metrics());
                } else {
                    pages.add(evaluator.evaluate(page.getKey(), image, page.getValue()));
                }
            }
            if (review && !pages.isEmpty()) {
                double fraction = Double.parseDouble(line.option("review-first", "0"));
                int reviewPages = Integer.parseInt(line.option("review-pages", "0"));
                if (fraction < 0 || fraction > 1 || reviewPages < 0) {
                    throw new IllegalArgumentException("--review-first takes a fraction 0..1, --review-pages N >= 0");
                }
                String on = line.option("review-on", "truth");
                if (!on.equals("truth") && !on.equals("boxes")) {
                    throw new IllegalArgumentException("--review-on takes truth or boxes, got " + on);
                }
                boolean onBoxes = on.equals("boxes");
                double redrawBelow = Double.parseDouble(line.option("redraw-below", "0"));
                if (redrawBelow < 0 || redrawBelow > 1 || redrawBelow > 0 && !onBoxes) {
                    throw new IllegalArgumentException("--redraw-below takes an overlap 0..1, with --review-on boxes");
                }
                // -1: an empty setting (the shipped one) counts at the end too, as in "k=0;" or ";"
                String[] settings = line.option("memory", "").split(";", -1);
                for (int i = 1; i < settings.length; i++) {
                    // more settings to compare: each one's figures on a line of their own, on stderr
                    MemoryReader other = MemoryReader.parse(settings[i]);
                    var o = new ReviewSimulation(classifier, other).run(runs, fraction, reviewPages, onBoxes,
                            redrawBelow);
                    System.err.println(other + " " + ReviewSimulation.summary(o));
                }
                MemoryReader reader = MemoryReader.parse(settings[0]);
                var outcome = new ReviewSimulation(classifier, reader).run(runs, fraction, reviewPages, onBoxes,
                        redrawBelow);
                System.out.println(ReviewSimulation.json(MetricsReport.json(pages, model, true), outcome,
                        (reviewPages > 0 ? "\"review_pages\": " + reviewPages : "\"review_first\": " + fraction)
                                + ",\n  \"review_on\": \"" + on + "\"", reader));
                return 0;
            }
        }
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("no labelled page to evaluate");
        }
        System.out.println(MetricsReport.json(pages, model, model != null));
        return 0;
    }

    /** The model's named classes, from its labels.tsv ({@code index, U+XXXX, character}). */
    static Set<String> namedClasses(Path modelDir) throws IOException {
        Set<String> named = new HashSet<>();
        for (String row : Files.readAllLines(modelDir.resolve("labels.tsv"), StandardCharsets.UTF_8)) {
            String[] cols = row.split("\t");
            if (cols.length >= 2 && cols[1].startsWith("U+")) {
                named.add(cols[1]);
            }
        }
        return named;
    }

    static Path find(Path folder, String imageId) {
        for (String ext : EXTENSIONS) {
            Path p = folder.resolve(imageId + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
