package org.honkoku.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The reviewed glyphs a box is read against: one manuscript's, or the whole archive's where the manuscript has too
 * few ({@link MemoryReader#MIN_OWN}). Exhaustive nearest-neighbour search over unit vectors: a few thousand reviewed
 * glyphs of 512 dimensions take well under a millisecond per box. Grows as a simulated reviewer goes on; not
 * thread-safe while growing.
 */
public final class GlyphMemory {

    private final List<MemoryGlyph> glyphs = new ArrayList<>();
    private final List<float[]> units = new ArrayList<>();
    private final long version;

    public GlyphMemory() {
        this(List.of(), 0);
    }

    /** @param version the newest review action the glyphs include (see {@code page.memory_seen}) */
    public GlyphMemory(List<MemoryGlyph> glyphs, long version) {
        glyphs.forEach(this::add);
        this.version = version;
    }

    public long version() {
        return version;
    }

    public void add(MemoryGlyph glyph) {
        glyphs.add(glyph);
        units.add(Embeddings.unit(glyph.vector()));
    }

    public int size() {
        return glyphs.size();
    }

    public boolean isEmpty() {
        return glyphs.isEmpty();
    }

    /** The first {@code n} glyphs (the most recently reviewed, as the database hands them out) as a memory. */
    public GlyphMemory newest(int n) {
        return glyphs.size() <= n ? this : new GlyphMemory(glyphs.subList(0, n), version);
    }

    public List<MemoryGlyph> glyphs() {
        return List.copyOf(glyphs);
    }

    /** The {@code k} most similar glyphs (cosine), most similar first, leaving out the box itself. */
    public List<Neighbour> nearest(float[] vector, int k, long exceptBox) {
        PriorityQueue<Neighbour> best = new PriorityQueue<>(Comparator.comparingDouble(Neighbour::similarity));
        float[] unit = Embeddings.unit(vector);
        for (int i = 0; i < glyphs.size(); i++) {
            MemoryGlyph g = glyphs.get(i);
            if (g.boxId() == exceptBox && exceptBox != 0) {
                continue;
            }
            double s = Embeddings.dot(unit, units.get(i));
            if (best.size() < k) {
                best.add(new Neighbour(g.boxId(), g.label(), s));
            } else if (s > best.peek().similarity()) {
                best.poll();
                best.add(new Neighbour(g.boxId(), g.label(), s));
            }
        }
        Neighbour[] out = best.toArray(new Neighbour[0]);
        Arrays.sort(out, Comparator.comparingDouble(Neighbour::similarity).reversed());
        return List.of(out);
    }
}
