package org.honkoku.classify;

import java.util.List;

/** The classifier's answer for one crop: its candidates, most probable first. */
public record Prediction(List<Candidate> top) {

    public Prediction {
        if (top.isEmpty()) {
            throw new IllegalArgumentException("a prediction needs at least one candidate");
        }
        top = List.copyOf(top);
    }

    public Candidate best() {
        return top.get(0);
    }
}
