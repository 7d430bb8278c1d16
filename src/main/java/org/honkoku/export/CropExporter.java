package org.honkoku.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.honkoku.browse.PageImages;
import org.honkoku.browse.ProgressRepository;
import org.honkoku.store.StoredBox;
import org.honkoku.store.StoredPage;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code ./honkoku export --format crops --out DIR}: every character a person has read (reviewed, not deleted: a
 * "no character" decision has no class to train) cut from its scan as it is, as PNG, with {@code labels.csv}
 * ({@code file,unicode}) — the folder {@code train --fine-tune MODEL --crops DIR} reads. The file names carry the page
 * and the box ({@code IMAGEID-bBOXID.png}), so a crop can be traced back to its page.
 */
@Component
public class CropExporter {

    private static final Logger log = LoggerFactory.getLogger(CropExporter.class);

    private record Reviewed(long boxId, long pageId, String imageId, int x, int y, int w, int h, String label) {
    }

    /** What was written. */
    public record Written(int crops, int pagesSkipped) {
    }

    private final JdbcTemplate jdbc;
    private final ProgressRepository pages;
    private final PageImages images;

    CropExporter(JdbcTemplate jdbc, ProgressRepository pages, PageImages images) {
        this.jdbc = jdbc;
        this.pages = pages;
        this.images = images;
    }

    public Written write(Path folder) throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is a file: --out needs a folder for the crops");
        }
        Files.createDirectories(folder);
        Map<Long, List<Reviewed>> byPage = new LinkedHashMap<>();
        jdbc.query("""
                SELECT b.id, b.page_id, p.image_id, b.x, b.y, b.w, b.h, b.reviewed
                FROM box b JOIN page p ON p.id = b.page_id JOIN manuscript m ON m.id = p.manuscript_id
                WHERE b.reviewed IS NOT NULL AND b.reviewed <> ?
                ORDER BY m.source_path, p.image_id, p.page_no, b.column_no, b.order_no, b.id""",
                rs -> {
                    Reviewed r = new Reviewed(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                            rs.getInt(6), rs.getInt(7), rs.getString(8));
                    byPage.computeIfAbsent(r.pageId(), p -> new ArrayList<>()).add(r);
                }, StoredBox.DELETED);
        int crops = 0;
        int skipped = 0;
        try (Writer labels = Files.newBufferedWriter(folder.resolve("labels.csv"), StandardCharsets.UTF_8)) {
            labels.write("file,unicode\n");
            for (var page : byPage.entrySet()) {
                StoredPage source = pages.source(page.getKey()).orElse(null);
                try {
                    if (source == null) {
                        throw new IllegalStateException("no such page");
                    }
                    for (Reviewed r : page.getValue()) {
                        // no comma either: labels.csv is split on commas
                        String file = PageFileNames.safe(r.imageId()).replace(',', '_') + "-b" + r.boxId() + ".png";
                        Mat crop = images.region(source, r.x(), r.y(), r.w(), r.h());
                        try {
                            if (!Imgcodecs.imwrite(folder.resolve(file).toString(), crop, new MatOfInt())) {
                                throw new IOException("cannot write " + folder.resolve(file));
                            }
                        } finally {
                            crop.release();
                        }
                        labels.write(file + "," + r.label() + "\n");
                        crops++;
                    }
                } catch (RuntimeException e) {
                    skipped++;
                    log.warn("export crops: page {} ({}) skipped: {}", page.getKey(),
                            source == null ? "?" : source.sourcePath(), e.getMessage());
                }
            }
        }
        return new Written(crops, skipped);
    }
}
