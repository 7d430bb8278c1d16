package org.honkoku.classify;

import java.util.List;

/**
 * The classifier's answer for one crop: its candidates, most probable first, and the confidence that the box
 * is read right — the first candidate's probability, or, once a page's boxes are read with the model's
 * {@link BoxCalibration}, the calibrated chance that the box is one whole character read as its first candidate.
 */
public record Prediction(List<Candidate> top, double confidence) {

    public Prediction {
        if (top.isEmpty()) {
            throw new IllegalArgumentException("a prediction needs at least one candidate");
        }
        top = List.copyOf(top);
    }

    public Prediction(List<Candidate> top) {
        this(top, top.isEmpty() ? 0 : top.get(0).probability());
    }

    /** A reading a person decided: one candidate, certain (it stands in the reading context as such). */
    public static Prediction certain(String label) {
        return new Prediction(List.of(new Candidate(label, 1f)));
    }

    public Candidate best() {
        return top.get(0);
    }

    public Prediction withConfidence(double c) {
        return new Prediction(top, c);
    }
}
