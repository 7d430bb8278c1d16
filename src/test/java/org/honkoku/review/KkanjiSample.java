package org.honkoku.review;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.honkoku.OpenCvLoader;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** Real characters from Kuzushiji-Kanji (../shared/data/kkanji, 64x64 white ink on black). */
final class KkanjiSample {

    static final Path DIR = Path.of("..", "shared", "data", "kkanji");

    private KkanjiSample() {
    }

    /** One labelled character as a scan would show it: dark ink on light paper. */
    record Character(String label, Mat scan) {
    }

    /** The first {@code n} characters of the set. */
    static List<Character> first(int n) throws IOException {
        OpenCvLoader.load();
        List<String> labels = Files.readAllLines(DIR.resolve("labels.txt"));
        List<Character> out = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(DIR.resolve("images.u8.gz"))))) {
            for (int i = 0; i < n; i++) {
                byte[] pixels = new byte[64 * 64];
                in.readFully(pixels);
                Mat whiteOnBlack = new Mat(64, 64, CvType.CV_8UC1);
                whiteOnBlack.put(0, 0, pixels);
                Mat scan = new Mat();
                Core.bitwise_not(whiteOnBlack, scan);
                out.add(new Character(labels.get(i).strip(), scan));
            }
        }
        return out;
    }

    /**
     * The first character of the set that the given classifier reads right from its scan (one of its 513
     * named classes): a fixed, known answer for tests of what surrounds the classifier.
     */
    static Character readable(org.honkoku.classify.Classifier classifier) throws IOException {
        for (Character c : first(200)) {
            if (classifier.classes().isNamed(c.label())
                    && classifier.classify(List.of(c.scan())).get(0).best().label().equals(c.label())) {
                return c;
            }
        }
        throw new AssertionError("none of the first 200 kkanji characters is read right by the model");
    }
}
