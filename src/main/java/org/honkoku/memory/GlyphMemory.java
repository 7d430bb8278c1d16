package org.honkoku.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Supplier;

import org.honkoku.classify.FloatRows;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The reviewed glyphs a box is read against: one manuscript's, or the whole archive's where the manuscript has too
 * few ({@link MemoryReader#MIN_OWN}). Exhaustive nearest-neighbour search over unit vectors; a page's boxes are
 * compared with all glyphs in one matrix product ({@link #nearest(List, int, long[])}: 200 boxes against 20,000 glyphs
 * took 0.27–0.33 s on this machine, against 2.1 s box by box). Grows as a simulated reviewer goes on; not thread-safe
 * while growing.
 */
public final class GlyphMemory {

    private final List<MemoryGlyph> glyphs = new ArrayList<>();
    private final List<float[]> units = new ArrayList<>();
    private final long version;
    private final boolean archive;
    /** The units as one matrix (glyphs × dimensions), made when first needed after a change. */
    private INDArray matrix;

    public GlyphMemory() {
        this(List.of(), 0);
    }

    /** @param version the newest review action the glyphs include (see {@code page.memory_seen}) */
    public GlyphMemory(List<MemoryGlyph> glyphs, long version) {
        this(glyphs, version, false);
    }

    /** @param archive whether these are the archive's glyphs (the fallback of {@link #ownOr}), not a manuscript's */
    public GlyphMemory(List<MemoryGlyph> glyphs, long version, boolean archive) {
        glyphs.forEach(this::add);
        this.version = version;
        this.archive = archive;
    }

    public boolean isArchive() {
        return archive;
    }

    /**
     * The memory a manuscript is read with: its own, or the archive's while its own has fewer than
     * {@link MemoryReader#MIN_OWN} glyphs.
     */
    public static GlyphMemory ownOr(GlyphMemory own, Supplier<GlyphMemory> archive) {
        return own.size() >= MemoryReader.MIN_OWN ? own : archive.get();
    }

    public long version() {
        return version;
    }

    public void add(MemoryGlyph glyph) {
        glyphs.add(glyph);
        units.add(Embeddings.unit(glyph.vector()));
        matrix = null;
    }

    public int size() {
        return glyphs.size();
    }

    public boolean isEmpty() {
        return glyphs.isEmpty();
    }

    /** The first {@code n} glyphs (the most recently reviewed, as the database hands them out) as a memory. */
    public GlyphMemory newest(int n) {
        return glyphs.size() <= n ? this : new GlyphMemory(glyphs.subList(0, n), version, archive);
    }

    public List<MemoryGlyph> glyphs() {
        return List.copyOf(glyphs);
    }

    /**
     * For each vector (null: none), the {@code k} most similar glyphs, most similar first, leaving out the box itself
     * ({@code exceptBoxes[i]}, 0 for none; the array may be null).
     */
    public List<List<Neighbour>> nearest(List<float[]> vectors, int k, long[] exceptBoxes) {
        List<List<Neighbour>> out = new ArrayList<>(vectors.size());
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            out.add(List.of());
            if (vectors.get(i) != null) {
                rows.add(i);
            }
        }
        if (rows.isEmpty() || glyphs.isEmpty()) {
            return out;
        }
        List<float[]> queries = rows.stream().map(i -> Embeddings.unit(vectors.get(i))).toList();
        float[][] similarity = FloatRows.of(Embeddings.matrix(queries).mmul(matrix().transpose()));
        for (int r = 0; r < rows.size(); r++) {
            int i = rows.get(r);
            out.set(i, top(similarity[r], k, exceptBoxes == null ? 0 : exceptBoxes[i]));
        }
        return out;
    }

    private INDArray matrix() {
        if (matrix == null) {
            matrix = Embeddings.matrix(units);
        }
        return matrix;
    }

    private List<Neighbour> top(float[] similarity, int k, long exceptBox) {
        PriorityQueue<Neighbour> best = new PriorityQueue<>(Comparator.comparingDouble(Neighbour::similarity));
        for (int g = 0; g < similarity.length; g++) {
            MemoryGlyph glyph = glyphs.get(g);
            if (exceptBox != 0 && glyph.boxId() == exceptBox) {
                continue;
            }
            if (best.size() < k) {
                best.add(new Neighbour(glyph.boxId(), glyph.label(), similarity[g]));
            } else if (similarity[g] > best.peek().similarity()) {
                best.poll();
                best.add(new Neighbour(glyph.boxId(), glyph.label(), similarity[g]));
            }
        }
        Neighbour[] sorted = best.toArray(new Neighbour[0]);
        Arrays.sort(sorted, Comparator.comparingDouble(Neighbour::similarity).reversed());
        return List.of(sorted);
    }

    /** The {@code k} most similar glyphs (cosine), most similar first, leaving out the box itself. */
    public List<Neighbour> nearest(float[] vector, int k, long exceptBox) {
        float[] unit = Embeddings.unit(vector);
        float[] similarity = new float[glyphs.size()];
        for (int g = 0; g < similarity.length; g++) {
            similarity[g] = (float) Embeddings.dot(unit, units.get(g));
        }
        return top(similarity, k, exceptBox);
    }
}
