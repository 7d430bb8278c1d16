package org.honkoku.classify;

import java.util.List;

/** The classifier's best readings of one box, most probable first. */
public record Prediction(List<Candidate> top) {

    public Candidate best() {
        return top.get(0);
    }
}
