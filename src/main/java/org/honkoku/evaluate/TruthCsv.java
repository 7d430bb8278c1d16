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

/** Reads a truth file ({@code image_id,unicode,x,y,w,h} with a header line) into boxes per image. */
public final class TruthCsv {

    private TruthCsv() {
    }

    /** Images keep the order in which they first appear in the file. */
    public static Map<String, List<TruthBox>> read(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read truth file " + csv, e);
        }
        Map<String, List<TruthBox>> byImage = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            TruthBox box = parse(line, csv, i + 1);
            byImage.computeIfAbsent(box.imageId(), k -> new ArrayList<>()).add(box);
        }
        return byImage;
    }

    private static TruthBox parse(String line, Path csv, int lineNumber) {
        String[] f = line.split(",", -1);
        if (f.length != 6) {
            throw new IllegalArgumentException(csv + ":" + lineNumber + ": expected 6 fields, got " + f.length);
        }
        try {
            return new TruthBox(f[0], f[1], Integer.parseInt(f[2].strip()), Integer.parseInt(f[3].strip()),
                    Integer.parseInt(f[4].strip()), Integer.parseInt(f[5].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(csv + ":" + lineNumber + ": " + e.getMessage(), e);
        }
    }
}
