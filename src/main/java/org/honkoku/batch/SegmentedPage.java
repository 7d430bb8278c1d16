package org.honkoku.batch;

import java.util.List;

import org.honkoku.classify.RecognitionScorer;
import org.honkoku.segment.CharBox;
import org.honkoku.store.StoredPage;
import org.opencv.core.Mat;

/**
 * A page between the segment and classify stages: the image stays in memory, never in the context; so do the
 * readings the segmenter's recogniser already made ({@code reader}, null when it segmented by geometry alone). The
 * image is the page the right way up, {@code turns} quarter turns clockwise from the scan, and the boxes are on it.
 */
record SegmentedPage(StoredPage page, Mat image, int turns, List<CharBox> boxes, RecognitionScorer reader, long loadMs,
                     long segmentMs) {
}
