package org.honkoku.train;

import org.honkoku.OpenCvLoader;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * A tiny data folder in the layout of ../shared/data (stats + kkanji only): three named classes drawn as
 * distinct jittered shapes, plus a few rare images, so a training run of seconds must beat chance.
 */
final class SyntheticData {

    static final String[] NAMED = {"U+3042", "U+3044", "U+3046"};
    static final String RARE = "U+4E00";

    private SyntheticData() {
    }

    static void write(Path dir, int perClass, long seed) throws IOException {
        OpenCvLoader.load();
        Files.createDirectories(dir.resolve("stats"));
        Files.writeString(dir.resolve("stats/kaggle-train-char-counts.tsv"),
                NAMED[0] + "\t30\n" + NAMED[1] + "\t20\n" + NAMED[2] + "\t10\n");
        Path kkanji = Files.createDirectories(dir.resolve("kkanji"));
        Random random = new Random(seed);
        StringBuilder labels = new StringBuilder();
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(kkanji.resolve("images.u8.gz")))) {
            for (int i = 0; i < perClass * 4; i++) {
                int shape = i % 4;
                out.write(shape(shape, random));
                labels.append(shape < 3 ? NAMED[shape] : RARE).append('\n');
            }
        }
        Files.writeString(kkanji.resolve("labels.txt"), labels, StandardCharsets.UTF_8);
    }

    /**
     * A folder for {@code train --crops}: {@code n} images of shape {@code kind} drawn as a scan shows them
     * (dark ink on light paper, a margin around), all labelled {@code label}, and their labels.csv.
     */
    static Path writeCrops(Path dir, int kind, String label, int n, long seed) throws IOException {
        OpenCvLoader.load();
        Files.createDirectories(dir);
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("file,unicode\n");
        for (int i = 0; i < n; i++) {
            Mat ink = new Mat(64, 64, CvType.CV_8UC1);
            ink.put(0, 0, shape(kind, random));
            Mat scan = new Mat(84, 84, CvType.CV_8UC1, Scalar.all(0));
            ink.copyTo(scan.submat(10, 74, 10, 74));
            org.opencv.core.Core.bitwise_not(scan, scan);
            String file = "crop-" + i + ".png";
            org.opencv.imgcodecs.Imgcodecs.imwrite(dir.resolve(file).toString(), scan);
            csv.append(file).append(',').append(label).append('\n');
        }
        Files.writeString(dir.resolve(LabelledCrops.LABELS), csv, StandardCharsets.UTF_8);
        return dir;
    }

    /** 0: horizontal bar, 1: vertical bar, 2: ring, 3 (rare): diagonal cross; white on black, jittered. */
    static byte[] shape(int kind, Random random) {
        OpenCvLoader.load();
        Mat m = new Mat(64, 64, CvType.CV_8UC1, Scalar.all(0));
        int dx = random.nextInt(9) - 4;
        int dy = random.nextInt(9) - 4;
        int t = 4 + random.nextInt(4);
        Scalar white = Scalar.all(255);
        switch (kind) {
            case 0 -> Imgproc.line(m, new Point(8 + dx, 32 + dy), new Point(56 + dx, 32 + dy), white, t);
            case 1 -> Imgproc.line(m, new Point(32 + dx, 8 + dy), new Point(32 + dx, 56 + dy), white, t);
            case 2 -> Imgproc.circle(m, new Point(32 + dx, 32 + dy), 20, white, t);
            default -> {
                Imgproc.line(m, new Point(10 + dx, 10 + dy), new Point(54 + dx, 54 + dy), white, t);
                Imgproc.line(m, new Point(54 + dx, 10 + dy), new Point(10 + dx, 54 + dy), white, t);
            }
        }
        byte[] b = new byte[64 * 64];
        m.get(0, 0, b);
        return b;
    }
}
