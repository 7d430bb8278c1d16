package org.honkoku.evaluate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the competition format ({@code image_id,labels} with {@code U+XXXX cx cy} triples). */
public final class KaggleCsv {

    private KaggleCsv() {
    }

    public static Map<String, List<PredictedPoint>> read(Path csv) {
        Map<String, List<PredictedPoint>> pages = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                int comma = line.indexOf(',');
                String[] parts = line.substring(comma + 1).trim().split("\\s+");
                List<PredictedPoint> points = new ArrayList<>();
                for (int i = 0; i + 2 < parts.length; i += 3) {
                    points.add(new PredictedPoint(parts[i], Integer.parseInt(parts[i + 1]),
                            Integer.parseInt(parts[i + 2])));
                }
                pages.put(line.substring(0, comma), points);
            }
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }
}
