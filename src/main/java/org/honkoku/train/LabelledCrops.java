package org.honkoku.train;

import org.honkoku.OpenCvLoader;
import org.honkoku.classify.ClassIndex;
import org.honkoku.classify.Preprocess;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A folder of labelled single-character crops for {@code train --crops DIR} (fine-tuning on new material,
 * such as reviewers' corrections): image files cut from scans as they are (dark ink on light paper) and a
 * {@code labels.csv} of {@code file,unicode} rows ({@code unicode} is {@code U+XXXX} or {@code rare}; a
 * header line is allowed), the same columns {@code classify} writes first.
 */
final class LabelledCrops {

    static final String LABELS = "labels.csv";

    private LabelledCrops() {
    }

    static SampleSet load(Path dir, ClassIndex classes) throws IOException {
        OpenCvLoader.load();
        Path csv = dir.resolve(LABELS);
        if (!Files.isRegularFile(csv)) {
            throw new IOException("no " + LABELS + " in " + dir);
        }
        SampleSet set = new SampleSet("crops");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String[] f = lines.get(n).strip().split(",");
            if (f.length < 2 || (n == 0 && f[0].equals("file"))) {
                continue;
            }
            String label = f[1].strip();
            if (!label.equals(ClassIndex.RARE) && !label.matches("U\\+[0-9A-Fa-f]{4,5}")) {
                throw new IOException(csv + " line " + (n + 1) + ": not a label: " + label);
            }
            Path image = dir.resolve(f[0].strip());
            Mat m = Imgcodecs.imread(image.toString(), Imgcodecs.IMREAD_GRAYSCALE);
            if (m.empty()) {
                throw new IOException(csv + " line " + (n + 1) + ": cannot read image " + image);
            }
            set.add(Preprocess.scanCrop(m), classes.indexOf(label.equals(ClassIndex.RARE) ? label : label.toUpperCase(Locale.ROOT)));
            m.release();
        }
        return set;
    }
}
