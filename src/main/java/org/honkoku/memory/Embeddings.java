package org.honkoku.memory;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Embeddings as stored: the direction as one signed byte per dimension of the unit vector (×127) and the length
 * apart, a quarter of the floats' size. Cosine similarities of decoded vectors differ from the floats' by well
 * under 0.01; the length lets a manuscript's head ({@link ManuscriptHead}) read the decoded vector as the network
 * made it.
 */
public final class Embeddings {

    /** A stored unit vector's components are multiplied by this (and rounded). */
    static final float SCALE = 127f;

    private Embeddings() {
    }

    public static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    /** The vector scaled to unit length (a zero vector stays zero). */
    public static float[] unit(float[] v) {
        double n = norm(v);
        float scale = n > 0 ? (float) (1 / n) : 0;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * scale;
        }
        return out;
    }

    /** The direction of {@code v}, quantised (store {@link #norm} beside it). */
    public static byte[] encode(float[] v) {
        float[] unit = unit(v);
        byte[] out = new byte[unit.length];
        for (int i = 0; i < unit.length; i++) {
            out[i] = (byte) Math.max(-127, Math.min(127, Math.round(unit[i] * SCALE)));
        }
        return out;
    }

    /** The stored direction and length as a vector again. */
    public static float[] decode(byte[] bytes, double norm) {
        float[] v = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            v[i] = bytes[i] / SCALE;
        }
        float[] unit = unit(v);
        for (int i = 0; i < unit.length; i++) {
            unit[i] *= (float) norm;
        }
        return unit;
    }

    /** The dot product: the cosine similarity of unit vectors. */
    public static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embeddings of different models: " + a.length + " and " + b.length
                    + " dimensions");
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    /** Rows of equal length as one matrix (rows × dimensions). */
    static INDArray matrix(List<float[]> rows) {
        int dim = rows.get(0).length;
        float[] flat = new float[rows.size() * dim];
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).length != dim) {
                throw new IllegalArgumentException("embeddings of different models: " + rows.get(r).length + " and "
                        + dim + " dimensions");
            }
            System.arraycopy(rows.get(r), 0, flat, r * dim, dim);
        }
        return Nd4j.create(flat, new long[]{rows.size(), dim}, 'c');
    }

    public static double cosine(float[] a, float[] b) {
        double na = norm(a);
        double nb = norm(b);
        return na == 0 || nb == 0 ? 0 : dot(a, b) / (na * nb);
    }
}
