package org.honkoku.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An archive of real transcriptions for measuring and testing search: the labelled pages of the Kuzushiji
 * Recognition set ({@code ../shared/data/stats/kaggle-train-boxes-711-pages.csv}: 711 pages, 138,039 characters),
 * each page's boxes in reading order, written into the database as transcribed pages as often as asked. Copy
 * {@code c} of page {@code j} keeps that page's columns and box outlines but reads a window of the whole corpus
 * starting at an offset of its own, so that a million characters are not the same 711 pages again and again.
 */
final class SampleArchive {

    /** A real page: its id and its boxes in reading order (column, label, outline). */
    record SamplePage(String imageId, List<SampleBox> boxes) {
    }

    record SampleBox(int column, String label, int x, int y, int w, int h) {
    }

    private final List<SamplePage> pages;
    private final List<String> corpus;

    private SampleArchive(List<SamplePage> pages) {
        this.pages = pages;
        this.corpus = pages.stream().flatMap(p -> p.boxes().stream().map(SampleBox::label)).toList();
    }

    /** Reads the pages of a Kaggle {@code image_id,labels} file with boxes ({@code U+XXXX x y w h} quintuples). */
    static SampleArchive read(Path csv) throws IOException {
        List<SamplePage> pages = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            int comma = line.indexOf(',');
            String[] f = line.substring(comma + 1).trim().split("\\s+");
            List<SampleBox> boxes = new ArrayList<>();
            for (int i = 0; i + 4 < f.length; i += 5) {
                boxes.add(new SampleBox(0, f[i], Integer.parseInt(f[i + 1]), Integer.parseInt(f[i + 2]),
                        Integer.parseInt(f[i + 3]), Integer.parseInt(f[i + 4])));
            }
            if (!boxes.isEmpty()) {
                pages.add(new SamplePage(line.substring(0, comma), inReadingOrder(boxes)));
            }
        }
        return new SampleArchive(pages);
    }

    /** The archive of the first {@code n} pages only (for tests that need a few). */
    SampleArchive first(int n) {
        return new SampleArchive(pages.subList(0, Math.min(n, pages.size())));
    }

    /** Characters of the corpus (every page once). */
    int characters() {
        return corpus.size();
    }

    /**
     * Columns right to left, each top to bottom: boxes taken by centre from the right, a box joining the column whose
     * centre line is within half the typical box width of its own, else starting a new one.
     */
    static List<SampleBox> inReadingOrder(List<SampleBox> boxes) {
        double width = boxes.stream().mapToInt(SampleBox::w).sorted().toArray()[boxes.size() / 2];
        List<List<SampleBox>> columns = new ArrayList<>();
        List<Double> centres = new ArrayList<>();
        for (SampleBox b : boxes.stream().sorted(Comparator.comparingDouble((SampleBox b) -> -(b.x() + b.w() / 2.0)))
                .toList()) {
            double cx = b.x() + b.w() / 2.0;
            int last = columns.size() - 1;
            if (last < 0 || centres.get(last) - cx > width / 2) {
                columns.add(new ArrayList<>());
                centres.add(cx);
                last++;
            }
            columns.get(last).add(b);
            List<SampleBox> column = columns.get(last);
            centres.set(last, column.stream().mapToDouble(c -> c.x() + c.w() / 2.0).average().orElse(cx));
        }
        List<SampleBox> out = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            int column = c;
            columns.get(c).stream().sorted(Comparator.comparingInt(SampleBox::y))
                    .forEach(b -> out.add(new SampleBox(column, b.label(), b.x(), b.y(), b.w(), b.h())));
        }
        return out;
    }

    /**
     * Writes {@code copies} copies of every page as transcribed pages (status DONE, machine readings only), one
     * manuscript per copy and book; returns the characters written.
     */
    long write(JdbcTemplate jdbc, int copies) {
        long written = 0;
        for (int c = 0; c < copies; c++) {
            long offset = 7919L * c;
            String previousBook = null;
            long manuscript = 0;
            for (int j = 0; j < pages.size(); j++) {
                SamplePage page = pages.get(j);
                String book = page.imageId().replaceAll("_.*$", "");
                if (!book.equals(previousBook)) {
                    String path = "/sample-archive/copy-" + c + "/" + book;
                    jdbc.update("INSERT INTO manuscript (source_path, kind, name) VALUES (?, 'FOLDER', ?)", path,
                            book + " (" + (c + 1) + ")");
                    manuscript = jdbc.queryForObject("SELECT id FROM manuscript WHERE source_path = ?", Long.class, path);
                    previousBook = book;
                }
                long pageId = insertPage(jdbc, manuscript, page.imageId() + (c == 0 ? "" : "-" + c), c, j);
                List<Object[]> rows = new ArrayList<>();
                int order = 0;
                for (int i = 0; i < page.boxes().size(); i++) {
                    SampleBox b = page.boxes().get(i);
                    order = i > 0 && page.boxes().get(i - 1).column() != b.column() ? 0 : order;
                    String label = corpus.get((int) ((offset + i) % corpus.size()));
                    rows.add(new Object[] {pageId, b.column(), order++, b.x(), b.y(), b.w(), b.h(), label, 0.9f,
                            label + ":0.9000"});
                }
                jdbc.batchUpdate("""
                        INSERT INTO box (page_id, column_no, order_no, x, y, w, h, predicted, confidence, alternatives)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
                offset += page.boxes().size();
                written += rows.size();
            }
        }
        return written;
    }

    private static long insertPage(JdbcTemplate jdbc, long manuscript, String imageId, int copy, int index) {
        String sha = String.format(Locale.ROOT, "%064x", ((long) copy << 32) | index);
        jdbc.update("""
                INSERT INTO page (manuscript_id, source_path, image_id, sha256, page_no, byte_size, status, width, height,
                                  processed_at)
                VALUES (?, ?, ?, ?, 1, 0, 'DONE', 3000, 4000, CURRENT_TIMESTAMP)""",
                manuscript, "/sample-archive/" + imageId + ".jpg", imageId, sha);
        return jdbc.queryForObject("SELECT id FROM page WHERE sha256 = ? AND page_no = 1", Long.class, sha);
    }
}
