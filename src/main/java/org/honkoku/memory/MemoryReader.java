package org.honkoku.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.honkoku.classify.Candidate;
import org.honkoku.classify.Classifier;
import org.honkoku.classify.Prediction;
import org.honkoku.store.StoredBox;

/**
 * Reads a box with its nearest reviewed glyphs. The box's reading before the memory (its candidates, the first with
 * the calibrated confidence, the others sharing the rest in the classifier's proportions) counts as {@code beta}
 * votes; each of the {@code k} nearest reviewed glyphs adds a vote of weight {@code exp((similarity - 1) / tau)} for
 * its reading (a vote for a reading outside the box's candidates counts {@code outside} as much): a near-copy of a
 * reviewed glyph (cosine 0.95 at tau 0.1: weight 0.61) has a say, a glyph that merely looks alike (0.6: 0.02)
 * next to none. The votes, normalised, are the new probabilities; the
 * confidence is the first reading's share. Votes for "no character" ({@link StoredBox#DELETED}) take their share
 * like any reading but are never the box's reading: the machine does not delete a box, the share lowers its
 * confidence and sends it up the review queue. {@code k=0} switches the vote off. A box the network read with at least
 * {@code keep} confidence keeps its reading ({@link #guard}). {@code beta} 0.3 and {@code keep} 0.8 were chosen
 * leave-one-book-out with {@code evaluate --review-first 0.5}, each book read by a network trained without it (see
 * README, "Learning from corrections").
 * <p>
 * The settings also carry those of the manuscript's head ({@link ManuscriptHead}: {@code steps}, {@code rate},
 * {@code pull}; {@code steps=0} switches it off), so that one setting string ({@code honkoku.memory.settings},
 * {@code evaluate --memory}) says how a manuscript is read with its memory.
 */
public final class MemoryReader {

    /** A manuscript with fewer reviewed glyphs than this is read with the whole archive's memory. */
    public static final int MIN_OWN = 20;
    public static final int K = 10;
    public static final double TAU = 0.1;
    public static final double BETA = 0.3;
    public static final double OUTSIDE = 0.5;
    public static final double KEEP = 0.8;

    private final int k;
    private final double tau;
    private final double beta;
    private final double outside;
    private final ManuscriptHead.Settings head;
    private final double keep;

    public MemoryReader() {
        this(K, TAU, BETA, OUTSIDE);
    }

    /** @param outside the weight of a vote for a reading outside the box's candidates (0..1) */
    public MemoryReader(int k, double tau, double beta, double outside) {
        this(k, tau, beta, outside, ManuscriptHead.Settings.SHIPPED, KEEP);
    }

    /**
     * @param head the manuscript head's fit
     * @param keep a box the network read with at least this confidence (calibrated, in context) keeps its reading
     *             whatever the memory says (1: the memory may turn any reading but a person's)
     */
    public MemoryReader(int k, double tau, double beta, double outside, ManuscriptHead.Settings head, double keep) {
        if (k < 0 || tau <= 0 || beta <= 0 || outside < 0 || outside > 1 || keep <= 0 || keep > 1) {
            throw new IllegalArgumentException(
                    "memory settings need k >= 0, tau > 0, beta > 0, 0 <= outside <= 1, 0 < keep <= 1");
        }
        this.k = k;
        this.tau = tau;
        this.beta = beta;
        this.outside = outside;
        this.head = head;
        this.keep = keep;
    }

    /** How many of the nearest reviewed glyphs vote (0: none, the vote is off). */
    public int k() {
        return k;
    }

    /** How the manuscript's head is fitted. */
    public ManuscriptHead.Settings head() {
        return head;
    }

    /**
     * The memory's reading of a box, or the network's where the network was sure of a different reading (at least
     * {@code keep}): the memory then neither turns the reading nor changes its confidence.
     */
    public Prediction guard(Prediction network, Prediction adapted) {
        return network.confidence() >= keep && !network.best().label().equals(adapted.best().label())
                ? network : adapted;
    }

    /** Whether {@link #guard} can ever keep a reading the memory turned. */
    public boolean guards() {
        return keep < 1;
    }

    /**
     * Settings as {@code k=10,tau=0.05,beta=1,steps=50} (any left out keep their defaults; empty: all defaults).
     */
    public static MemoryReader parse(String text) {
        int k = K;
        double tau = TAU;
        double beta = BETA;
        double outside = OUTSIDE;
        int steps = ManuscriptHead.STEPS;
        double rate = ManuscriptHead.RATE;
        double pull = ManuscriptHead.PULL;
        double keep = KEEP;
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException(
                        "memory settings are k=N,tau=X,beta=Y,outside=Z,steps=N,rate=X,pull=Y,keep=P: " + text);
            }
            switch (kv[0].trim()) {
                case "k" -> k = Integer.parseInt(kv[1].trim());
                case "tau" -> tau = Double.parseDouble(kv[1].trim());
                case "beta" -> beta = Double.parseDouble(kv[1].trim());
                case "outside" -> outside = Double.parseDouble(kv[1].trim());
                case "steps" -> steps = Integer.parseInt(kv[1].trim());
                case "rate" -> rate = Double.parseDouble(kv[1].trim());
                case "pull" -> pull = Double.parseDouble(kv[1].trim());
                case "keep" -> keep = Double.parseDouble(kv[1].trim());
                default -> throw new IllegalArgumentException("unknown memory setting '" + kv[0] + "'");
            }
        }
        return new MemoryReader(k, tau, beta, outside, new ManuscriptHead.Settings(steps, rate, pull), keep);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "k=%d,tau=%s,beta=%s,outside=%s,%s,keep=%s", k, tau, beta, outside,
                head, keep);
    }

    /** The box's reading with the memory; {@code base} itself when no reviewed glyph is near enough to count. */
    public Prediction read(Prediction base, float[] embedding, GlyphMemory memory, long boxId) {
        if (k == 0 || embedding == null || memory.isEmpty()) {
            return base;
        }
        return guard(base, read(base, memory.nearest(embedding, k, boxId)));
    }

    public Prediction read(Prediction base, List<Neighbour> neighbours) {
        Map<String, Double> votes = new HashMap<>();
        double mass = 0;
        for (Neighbour n : neighbours) {
            double w = Math.exp((n.similarity() - 1) / tau);
            votes.merge(n.label(), w, Double::sum);
            mass += w;
        }
        if (mass < 1e-6 * beta) {
            return base;
        }
        List<Candidate> top = base.top();
        double first = base.confidence();
        double p1 = Math.max(1e-9, top.get(0).probability());
        double rest = Math.max(1e-9, 1 - p1);
        Map<String, Double> post = new HashMap<>();
        post.put(top.get(0).label(), beta * first);
        for (int i = 1; i < top.size(); i++) {
            // the others keep the classifier's ratios to the first, within the calibrated remainder
            double p = top.get(i).probability();
            post.merge(top.get(i).label(), beta * Math.min(p * first / p1, (1 - first) * p / rest), Double::sum);
        }
        // a vote for a reading the classifier did not even put among its candidates counts less
        double massOutside = 0;
        for (var vote : votes.entrySet()) {
            if (!post.containsKey(vote.getKey()) && !StoredBox.DELETED.equals(vote.getKey())) {
                double cut = vote.getValue() * (1 - outside);
                vote.setValue(vote.getValue() - cut);
                massOutside += cut;
            }
        }
        mass -= massOutside;
        double total = beta + mass;
        votes.forEach((label, w) -> post.merge(label, w, Double::sum));
        List<Candidate> candidates = new ArrayList<>();
        post.forEach((label, v) -> {
            if (!StoredBox.DELETED.equals(label)) {
                candidates.add(new Candidate(label, (float) (v / total)));
            }
        });
        candidates.sort(Comparator.comparingDouble(Candidate::probability).reversed()
                .thenComparing(Candidate::label));
        List<Candidate> kept = candidates.subList(0, Math.min(Classifier.TOP, candidates.size()));
        return new Prediction(new ArrayList<>(kept), kept.get(0).probability());
    }
}
