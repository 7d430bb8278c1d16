package org.honkoku.segment;

import java.util.List;

/**
 * One column of main text in analysis pixels: the band it occupies, the blobs whose centre lies in it, and the
 * blobs of no column whose centre lies just beside it (readings, dots, or the outer sub-column of a split note
 * written wider than the text: only {@link SplitNotes} takes them in).
 */
record Column(int left, int right, List<Blob> blobs, List<Blob> beside) {

    Column(int left, int right, List<Blob> blobs) {
        this(left, right, blobs, List.of());
    }

    int width() {
        return right - left;
    }
}
