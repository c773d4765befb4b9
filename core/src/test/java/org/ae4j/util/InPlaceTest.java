package org.ae4j.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InPlaceTest {

    private static INDArray x() {
        return Nd4j.createFromArray(new double[][] {{-2, -0.5, 0}, {0.5, 3, 12}});
    }

    @Test
    void scalesAddsClipsAndRectifies() {
        assertThat(InPlace.scale(x(), -2).ravel().toDoubleVector()).containsExactly(new double[] {4, 1, 0, -1, -6, -24}, within(1e-12));
        assertThat(InPlace.add(x(), 1.5).ravel().toDoubleVector()).containsExactly(new double[] {-0.5, 1, 1.5, 2, 4.5, 13.5}, within(1e-12));
        assertThat(InPlace.clip(x(), -1, 2).ravel().toDoubleVector()).containsExactly(new double[] {-1, -0.5, 0, 0.5, 2, 2}, within(1e-12));
        assertThat(InPlace.relu(x()).ravel().toDoubleVector()).containsExactly(new double[] {0, 0, 0, 0.5, 3, 12}, within(1e-12));
        assertThat(InPlace.scale(x().castTo(DataType.FLOAT), 0.5).getFloat(5)).isEqualTo(6f);
    }

    @Test
    void blasPathsRefuseNonContiguousArrays() {
        assertThatThrownBy(() -> InPlace.scale(x().transpose(), 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contiguous");
    }
}
