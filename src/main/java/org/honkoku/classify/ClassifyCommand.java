package org.honkoku.classify;

import org.honkoku.Defaults;
import org.honkoku.OpenCvLoader;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code classify [--model DIR] PATH...}: character crops (png/jpg files or folders of them, dark ink on
 * light paper) → CSV {@code file,unicode,confidence,top5} on stdout. Exit 0 on success, 1 when some file
 * could not be read (the others are still classified), 2 on bad usage or a missing model.
 */
public final class ClassifyCommand {

    private final PrintStream out;
    private final PrintStream err;

    public ClassifyCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static int run(String[] args) {
        return new ClassifyCommand(new PrintStream(System.out, true, StandardCharsets.UTF_8), System.err).execute(args);
    }

    public int execute(String[] args) {
        Path model = Defaults.modelDir();
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--model") && i + 1 < args.length) {
                model = Path.of(args[++i]);
            } else if (args[i].startsWith("--")) {
                err.println("classify: unknown option " + args[i] + "; usage: classify [--model DIR] PATH...");
                return 2;
            } else {
                paths.add(Path.of(args[i]));
            }
        }
        if (paths.isEmpty()) {
            err.println("classify: no input; usage: classify [--model DIR] PATH...");
            return 2;
        }
        List<Path> files;
        Classifier classifier;
        try {
            files = imageFiles(paths);
            classifier = Classifier.load(model);
        } catch (IOException e) {
            err.println("classify: " + e.getMessage());
            return 2;
        }
        OpenCvLoader.load();
        int failures = 0;
        out.println("file,unicode,confidence,top5");
        // Read and classify one batch at a time so a folder of 100k crops never sits in memory at once.
        for (int from = 0; from < files.size(); from += Classifier.MAX_BATCH) {
            List<Path> batch = new ArrayList<>();
            List<Mat> crops = new ArrayList<>();
            for (Path f : files.subList(from, Math.min(files.size(), from + Classifier.MAX_BATCH))) {
                Mat m = Imgcodecs.imread(f.toString(), Imgcodecs.IMREAD_GRAYSCALE);
                if (m.empty()) {
                    err.println("classify: cannot read image " + f);
                    failures++;
                    continue;
                }
                batch.add(f);
                crops.add(m);
            }
            List<Prediction> predictions = classifier.classifyOutlined(crops);
            for (int i = 0; i < batch.size(); i++) {
                out.println(row(batch.get(i), predictions.get(i)));
            }
        }
        return failures == 0 ? 0 : 1;
    }

    static String row(Path file, Prediction p) {
        StringBuilder top5 = new StringBuilder();
        for (Candidate c : p.top()) {
            if (top5.length() > 0) {
                top5.append('|');
            }
            top5.append(c.label()).append(':').append(String.format(Locale.ROOT, "%.4f", c.probability()));
        }
        return csv(file.toString()) + "," + p.best().label() + ","
                + String.format(Locale.ROOT, "%.4f", p.confidence()) + "," + top5;
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static List<Path> imageFiles(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(ClassifyCommand::isImage).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new IOException("no such file or folder: " + p);
            }
        }
        return files;
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }
}
