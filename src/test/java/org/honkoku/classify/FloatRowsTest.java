package org.honkoku.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FloatRowsTest {

    @BeforeAll
    static void nd4j() {
        Nd4jRuntime.configure();
    }

    @Test
    void rowsAreWhatNd4jReadsElementByElement() {
        INDArray plain = Nd4j.rand(DataType.FLOAT, 7, 5);
        assertThat(FloatRows.of(plain)).isDeepEqualTo(plain.toFloatMatrix());
        // a view into a bigger buffer, column-major, and doubles: copied through a plain matrix first
        INDArray transposed = plain.transpose();
        assertThat(FloatRows.of(transposed)).isDeepEqualTo(transposed.toFloatMatrix());
        INDArray rows = plain.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 5),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertThat(rows.isView()).isTrue();
        assertThat(FloatRows.of(rows)).isDeepEqualTo(rows.toFloatMatrix());
        INDArray doubles = Nd4j.rand(DataType.DOUBLE, 3, 4);
        assertThat(FloatRows.of(doubles)).isDeepEqualTo(doubles.toFloatMatrix());
        assertThatThrownBy(() -> FloatRows.of(Nd4j.rand(DataType.FLOAT, 2, 3, 4)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anArrayHoldsTheChosenRowsInOrder() {
        Random random = new Random(3);
        float[][] rows = new float[6][12];
        for (float[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextFloat();
            }
        }
        INDArray batch = FloatRows.array(rows, 2, 3, 12, 3, 1, 3, 4);
        assertThat(batch.shape()).containsExactly(3, 1, 3, 4);
        for (int i = 0; i < 3; i++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    assertThat(batch.getFloat(i, 0, y, x)).isEqualTo(rows[2 + i][y * 4 + x]);
                }
            }
        }
        // a bigger batch than the rows: the rest are zeros
        INDArray padded = FloatRows.array(rows, 0, 2, 12, 3, 12);
        assertThat(FloatRows.of(padded)).isDeepEqualTo(new float[][] {rows[0], rows[1], new float[12]});
        assertThat(FloatRows.of(FloatRows.first(padded, 2))).isDeepEqualTo(new float[][] {rows[0], rows[1]});
        assertThat(FloatRows.first(padded, 3)).isSameAs(padded);
        assertThatThrownBy(() -> FloatRows.array(rows, 0, 2, 12, 1, 12))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FloatRows.array(rows, 0, 2, 12, 5, 5))
                .isInstanceOf(IllegalArgumentException.class);
        float[][] ragged = {new float[12], new float[11]};
        assertThatThrownBy(() -> FloatRows.array(ragged, 0, 2, 12, 2, 12))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
