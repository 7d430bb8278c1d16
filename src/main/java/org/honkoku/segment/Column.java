package org.honkoku.segment;

import java.util.List;

/** One column of main text in analysis pixels: the band it occupies and the blobs whose centre lies in it. */
record Column(int left, int right, List<Blob> blobs) {

    int width() {
        return right - left;
    }
}
