package org.honkoku.train;

import org.honkoku.OpenCvLoader;
import org.honkoku.Rects;
import org.honkoku.classify.Preprocess;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real character crops cut from the labelled pages ({@code pages/images/*.jpg} with {@code truth.csv}),
 * through {@link Preprocess#scanCrop}, exactly as the pipeline will cut and preprocess them.
 */
final class PageCrops {

    record Crop(String imageId, String label, byte[] input) {
    }

    private PageCrops() {
    }

    static List<Crop> cut(Path pagesDir) throws IOException {
        OpenCvLoader.load();
        Map<String, List<String[]>> rowsByImage = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(pagesDir.resolve("truth.csv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.strip().split(",");
            if (f.length == 6) {
                rowsByImage.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
            }
        }
        List<Crop> crops = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> e : rowsByImage.entrySet()) {
            Path image = pagesDir.resolve("images").resolve(e.getKey() + ".jpg");
            Mat page = Imgcodecs.imread(image.toString(), Imgcodecs.IMREAD_GRAYSCALE);
            if (page.empty()) {
                throw new IOException("cannot read page image " + image);
            }
            Rect bounds = new Rect(0, 0, page.cols(), page.rows());
            for (String[] f : e.getValue()) {
                Rect box = Rects.intersect(new Rect(Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        Integer.parseInt(f[4]), Integer.parseInt(f[5])), bounds);
                if (box.width > 1 && box.height > 1) {
                    crops.add(new Crop(e.getKey(), f[1], Preprocess.scanCrop(page.submat(box))));
                }
            }
            page.release();
        }
        return crops;
    }
}
