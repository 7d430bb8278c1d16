package org.honkoku.segment;

import java.util.List;
import org.opencv.core.Rect;

/**
 * Reads candidate character boxes for the segmenter: how sure a recogniser is that each box holds exactly one
 * known character. Over-segmentation proposes the candidates, this decides between them (the classic way
 * Japanese OCR joins the pieces of a character and separates touching ones).
 */
@FunctionalInterface
public interface GlyphScorer {

    /**
     * @param boxes candidate boxes in the page's own pixels
     * @return for each box, a confidence in [0, 1] that it is one whole character
     */
    double[] confidence(List<Rect> boxes);
}
