package org.honkoku.store;

import org.honkoku.classify.Prediction;
import org.honkoku.segment.CharBox;

/** A character box with the classifier's reading of it. */
public record Glyph(CharBox box, Prediction prediction) {
}
