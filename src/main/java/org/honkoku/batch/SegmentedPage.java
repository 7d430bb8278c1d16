package org.honkoku.batch;

import java.util.List;

import org.honkoku.segment.CharBox;
import org.honkoku.store.StoredPage;
import org.opencv.core.Mat;

/** A page between the segment and classify stages: the image stays in memory, never in the context. */
record SegmentedPage(StoredPage page, Mat image, List<CharBox> boxes, long loadMs, long segmentMs) {
}
