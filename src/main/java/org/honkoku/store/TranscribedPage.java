package org.honkoku.store;

import java.util.List;

/**
 * Everything the pipeline learnt about one page, ready to be stored in one transaction. The page was read
 * {@code turns} quarter turns clockwise from its scan (0 for a scan the right way up); {@code width}, {@code height}
 * and the boxes are those of the page as read.
 */
public record TranscribedPage(StoredPage page, int width, int height, List<Glyph> glyphs,
                              String modelVersion, StageTimes times, long memoryVersion, int turns) {

    /** A page read as scanned. */
    public TranscribedPage(StoredPage page, int width, int height, List<Glyph> glyphs, String modelVersion,
                           StageTimes times, long memoryVersion) {
        this(page, width, height, glyphs, modelVersion, times, memoryVersion, 0);
    }

    /** @see #memoryVersion the glyph memory's version the page was read with (0: none) */
    public TranscribedPage(StoredPage page, int width, int height, List<Glyph> glyphs, String modelVersion,
                           StageTimes times) {
        this(page, width, height, glyphs, modelVersion, times, 0);
    }

    /** Milliseconds spent in each stage on this page. */
    public record StageTimes(long loadMs, long segmentMs, long classifyMs) {
    }
}
