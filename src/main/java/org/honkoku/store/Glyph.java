package org.honkoku.store;

import org.honkoku.classify.Prediction;
import org.honkoku.segment.CharBox;

/**
 * A character box with the classifier's reading of it; {@code base} is the reading before the glyph memory had its
 * say and {@code embedding} the box's embedding (both null when the page was read without them).
 */
public record Glyph(CharBox box, Prediction prediction, Prediction base, float[] embedding) {

    public Glyph(CharBox box, Prediction prediction) {
        this(box, prediction, null, null);
    }
}
