package org.honkoku.store;

import java.time.Instant;
import java.util.List;

/**
 * What the XML exports say about a page besides its boxes: where its image came from, its size, the
 * model that read it, and who reviewed it (their provenance sections).
 */
public record PageInfo(long pageId, String sourcePath, int pageNo, String sha256, int width, int height,
                       String modelVersion, Instant processedAt, List<String> reviewers, Instant lastReviewedAt,
                       int turns) {

    public PageInfo {
        reviewers = List.copyOf(reviewers);
    }

    /** A page read the way its scan lies. */
    public PageInfo(long pageId, String sourcePath, int pageNo, String sha256, int width, int height,
                    String modelVersion, Instant processedAt, List<String> reviewers, Instant lastReviewedAt) {
        this(pageId, sourcePath, pageNo, sha256, width, height, modelVersion, processedAt, reviewers, lastReviewedAt, 0);
    }

    /**
     * Degrees the scan is turned clockwise to be read (PAGE XML's {@code orientation}, −90 for a quarter turn
     * anticlockwise), or null for a scan the right way up.
     */
    public Integer clockwiseDegrees() {
        int t = Math.floorMod(turns, 4);
        return t == 0 ? null : t == 3 ? -90 : 90 * t;
    }

    /** Degrees anticlockwise the text lies on the scan (ALTO's {@code ROTATION}), or null for a scan the right way up. */
    public Integer textRotation() {
        int t = Math.floorMod(turns, 4);
        return t == 0 ? null : 90 * t;
    }

    /** For pages built by hand (tests of the plain-text formats, which need none of this). */
    static PageInfo unknown() {
        return new PageInfo(0, "", 1, "", 0, 0, null, null, List.of(), null);
    }

    /**
     * The file name of the source image, with the page for a PDF ({@code book.pdf#page=3}) and for any page of an
     * image file but its first (a multi-page TIFF: {@code volume.tif#page=2}).
     */
    public String imageFilename() {
        String name = sourcePath.isEmpty() ? "" : java.nio.file.Path.of(sourcePath).getFileName().toString();
        boolean pdf = name.toLowerCase(java.util.Locale.ROOT).endsWith(".pdf");
        return pdf || pageNo > 1 ? name + "#page=" + pageNo : name;
    }
}
