package org.honkoku.classify;

import org.honkoku.CommandLine;
import org.honkoku.Defaults;
import org.honkoku.OpenCvLoader;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code benchmark [--model DIR] [--crops PAGES_DIR] [--seconds N] [--update]}: the classifier's speed on real
 * page crops (the boxes of {@code samples/truth.csv}, cut from the sample pages, preprocessing included) at
 * batch sizes 1, 32 and 128, and the peak memory of the process. {@code --update} writes the figures into the
 * model's {@code MODEL.md} (its "Inference speed" section). A measurement, not a test: nothing fails on a slow
 * machine.
 */
public final class BenchmarkCommand {

    static final int[] BATCHES = {1, 32, Classifier.MAX_BATCH};
    static final String HEADING = "## Inference speed";

    private final PrintStream out;

    public BenchmarkCommand(PrintStream out) {
        this.out = out;
    }

    public static int run(String[] args) {
        return new BenchmarkCommand(new PrintStream(System.out, true, StandardCharsets.UTF_8)).execute(args);
    }

    public int execute(String[] args) {
        CommandLine line;
        try {
            line = CommandLine.parse(List.of(args), Set.of("model", "crops", "seconds"), Set.of("update"));
        } catch (IllegalArgumentException e) {
            System.err.println("benchmark: " + e.getMessage());
            return 2;
        }
        Path model = Path.of(line.option("model", Defaults.modelDir().toString()));
        Path pages = Path.of(line.option("crops", Path.of(System.getProperty("honkoku.home", "."), "samples").toString()));
        double seconds = Double.parseDouble(line.option("seconds", "10"));
        try {
            Classifier classifier = Classifier.load(model);
            List<Mat> crops = pageCrops(pages);
            InferenceBenchmark bench = new InferenceBenchmark(classifier, crops);
            List<InferenceBenchmark.Result> results = new ArrayList<>();
            InferenceBenchmark.Memory memory = InferenceBenchmark.peakDuring(() -> {
                for (int b : BATCHES) {
                    results.add(bench.run(b, seconds));
                }
            });
            String section = section(classifier, crops.size(), pages, results, memory, seconds);
            out.print(section);
            if (line.flag("update")) {
                update(model.resolve("MODEL.md"), section);
                System.err.println("benchmark: written to " + model.resolve("MODEL.md"));
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("benchmark: " + e.getMessage());
            return 1;
        }
    }

    static String section(Classifier classifier, int crops, Path pages, List<InferenceBenchmark.Result> results,
                          InferenceBenchmark.Memory memory, double seconds) {
        StringBuilder s = new StringBuilder(HEADING).append("\n\n");
        s.append(String.format(Locale.ROOT, "Measured %s by `./honkoku benchmark --model DIR --update` (%.0f s per batch"
                        + " size): model %s on %d real page crops cut from %s, preprocessing included; %d CPU cores,"
                        + " oneDNN helpers %s.%n%n", LocalDate.now(ZoneOffset.UTC), seconds, classifier.version(), crops,
                pages.getFileName(), Runtime.getRuntime().availableProcessors(), Nd4jRuntime.helpersActive() ? "on" : "off"));
        s.append("| batch | crops/s | ms per batch |\n| --- | --- | --- |\n");
        for (InferenceBenchmark.Result r : results) {
            s.append(String.format(Locale.ROOT, "| %d | %.0f | %.1f |%n", r.batch(), r.cropsPerSecond(), r.millisPerBatch()));
        }
        s.append(String.format(Locale.ROOT, "%nPeak memory of the process during the runs: resident %.0f MB (Java heap"
                        + " committed %.0f MB, of which in use %.0f MB; the rest is nd4j's native buffers and the native"
                        + " libraries).%n", memory.peakResidentBytes() / 1e6, memory.peakHeapCommittedBytes() / 1e6,
                memory.peakHeapBytes() / 1e6));
        return s.toString();
    }

    /** Replaces the speed section of MODEL.md (from its heading to the next level-2 heading) or appends it. */
    static void update(Path modelMd, String section) throws IOException {
        String text = Files.exists(modelMd) ? Files.readString(modelMd, StandardCharsets.UTF_8) : "";
        int start = text.indexOf(HEADING);
        String updated;
        if (start < 0) {
            updated = text + (text.endsWith("\n") || text.isEmpty() ? "" : "\n") + "\n" + section;
        } else {
            int end = text.indexOf("\n## ", start + HEADING.length());
            updated = text.substring(0, start) + section + (end < 0 ? "" : text.substring(end));
        }
        Files.writeString(modelMd, updated, StandardCharsets.UTF_8);
    }

    /** The truth boxes of {@code dir/truth.csv} cut from {@code dir/<image_id>.jpg}: real crops as scans show them. */
    static List<Mat> pageCrops(Path dir) throws IOException {
        OpenCvLoader.load();
        Path truth = dir.resolve("truth.csv");
        if (!Files.isRegularFile(truth)) {
            throw new IOException("no truth.csv in " + dir + " (--crops names a folder of pages with their truth rows)");
        }
        Map<String, Mat> pages = new HashMap<>();
        List<Mat> crops = new ArrayList<>();
        for (String row : Files.readAllLines(truth, StandardCharsets.UTF_8)) {
            String[] f = row.split(",");
            if (f.length != 6 || f[0].equals("image_id")) {
                continue;
            }
            Mat page = pages.computeIfAbsent(f[0], id -> Imgcodecs.imread(dir.resolve(id + ".jpg").toString()));
            if (page.empty()) {
                continue;
            }
            Rect box = new Rect(Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]));
            if (box.x >= 0 && box.y >= 0 && box.x + box.width <= page.cols() && box.y + box.height <= page.rows()) {
                crops.add(page.submat(box).clone());
            }
        }
        pages.values().forEach(Mat::release);
        if (crops.isEmpty()) {
            throw new IOException("no crops could be cut from the pages in " + dir);
        }
        return crops;
    }
}
