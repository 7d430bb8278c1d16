package org.honkoku.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.honkoku.classify.Candidate;
import org.honkoku.classify.Prediction;

/** The top-k readings of a box as stored in one column: {@code U+304B:0.8123|U+3092:0.0500|...}. */
public final class Alternatives {

    private Alternatives() {
    }

    public static String format(Prediction prediction) {
        StringBuilder out = new StringBuilder();
        for (Candidate c : prediction.top()) {
            if (!out.isEmpty()) {
                out.append('|');
            }
            out.append(c.label()).append(':').append(String.format(Locale.ROOT, "%.4f", c.probability()));
        }
        return out.toString();
    }

    public static List<Candidate> parse(String text) {
        List<Candidate> candidates = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return candidates;
        }
        for (String part : text.split("\\|")) {
            int colon = part.lastIndexOf(':');
            candidates.add(new Candidate(part.substring(0, colon), Float.parseFloat(part.substring(colon + 1))));
        }
        return candidates;
    }
}
