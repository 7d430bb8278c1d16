package org.honkoku.export;

import org.honkoku.store.StoredBox;

/**
 * The confidence the XML exports give a character: the classifier's probability for a machine reading,
 * 1 for a reading a person has checked (the machine's figure was about the machine's reading, which the
 * person may have replaced; the exports keep it beside the reviewed one as the machine's alternative).
 */
final class Confidence {

    private Confidence() {
    }

    static float of(StoredBox box) {
        return box.isReviewed() ? 1f : clamp(box.confidence());
    }

    /** Schemas require [0, 1]; a float stored as REAL may round a hair outside. */
    static float clamp(float c) {
        return Math.max(0f, Math.min(1f, c));
    }

    static String format(float c) {
        return String.format(java.util.Locale.ROOT, "%.4f", c);
    }
}
