package org.honkoku.classify;

import org.honkoku.OpenCvLoader;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The model shipped in models/default and a few real images from ../shared/data to try it on. */
final class ShippedModel {

    static final Path DIR = Path.of("models", "default");
    static final Path DATA = Path.of("..", "shared", "data");

    private static Classifier classifier;

    private ShippedModel() {
    }

    static synchronized Classifier classifier() throws IOException {
        if (classifier == null) {
            classifier = Classifier.load(DIR);
        }
        return classifier;
    }

    record Image(String label, Mat whiteOnBlack) {

        /** The same character as a scan would show it: dark ink on light paper. */
        Mat asScan() {
            Mat scan = new Mat();
            Core.bitwise_not(whiteOnBlack, scan);
            return scan;
        }
    }

    /** The first {@code n} images of a dataset folder's file whose labels are named classes. */
    static List<Image> named(String file, String labelsFile, int side, int n) throws IOException {
        OpenCvLoader.load();
        ClassIndex classes = classifier().classes();
        List<String> labels = Files.readAllLines(DATA.resolve(labelsFile));
        List<Image> images = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(DATA.resolve(file))))) {
            for (int i = 0; i < labels.size() && images.size() < n; i++) {
                byte[] b = new byte[side * side];
                in.readFully(b);
                if (classes.isNamed(labels.get(i).strip())) {
                    Mat m = new Mat(side, side, CvType.CV_8UC1);
                    m.put(0, 0, b);
                    images.add(new Image(labels.get(i).strip(), m));
                }
            }
        }
        return images;
    }
}
