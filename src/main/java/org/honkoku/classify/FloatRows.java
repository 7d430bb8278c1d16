package org.honkoku.classify;

import java.lang.ref.Reference;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Float matrices between Java arrays and nd4j, copied in one native call a row. nd4j's own
 * {@code toFloatMatrix()} reads a matrix element by element (about 15 ms for the 128 × 514 probabilities of one
 * batch, where the network itself takes 100 ms), and {@code Nd4j.create(float[], ...)} writes one the same way.
 */
public final class FloatRows {

    private FloatRows() {
    }

    /** The rows of a matrix: a copy, as {@code toFloatMatrix()} gives it. */
    public static float[][] of(INDArray matrix) {
        if (matrix.rank() != 2) {
            throw new IllegalArgumentException("not a matrix: " + matrix.shapeInfoToString());
        }
        INDArray plain = isPlain(matrix) ? matrix : matrix.dup('c').castTo(DataType.FLOAT);
        int rows = (int) plain.rows();
        int cols = (int) plain.columns();
        FloatPointer data = at(plain);
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            data.position((long) r * cols).get(out[r]);
        }
        Reference.reachabilityFence(plain); // its native buffer is freed when it is collected
        return out;
    }

    /**
     * {@code n} rows of {@code width} floats from {@code rows[from]} on, as an array of this shape (row-major): the
     * first {@code n * width} values; any after them are zeros.
     */
    public static INDArray array(float[][] rows, int from, int n, int width, long... shape) {
        INDArray out = Nd4j.create(DataType.FLOAT, shape, 'c');
        if (out.length() < (long) n * width || out.size(0) * width != out.length()) {
            throw new IllegalArgumentException(n + " rows of " + width + " do not fit the shape "
                    + out.shapeInfoToString());
        }
        FloatPointer data = at(out);
        for (int i = 0; i < n; i++) {
            if (rows[from + i].length != width) {
                throw new IllegalArgumentException("row " + (from + i) + " has " + rows[from + i].length
                        + " values, not " + width);
            }
            data.position((long) i * width).put(rows[from + i]);
        }
        return out;
    }

    /** The first {@code n} rows of a matrix (the matrix itself when it has no more). */
    public static INDArray first(INDArray matrix, int n) {
        return matrix.rows() == n ? matrix : matrix.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
    }

    /**
     * A pointer of our own at an array's first value: moving it moves nothing of the array's. It does not keep the
     * array alive: the caller does, until it is done with the pointer.
     */
    private static FloatPointer at(INDArray plain) {
        return new FloatPointer(plain.data().addressPointer());
    }

    /** Row-major floats with nothing before or between them in the buffer: the layout read above. */
    private static boolean isPlain(INDArray m) {
        return m.dataType() == DataType.FLOAT && m.ordering() == 'c' && !m.isView() && m.offset() == 0
                && m.data().length() == m.length();
    }
}
