package org.ae4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ae4j.TestArrays;
import org.ae4j.model.Autoencoder;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class OutputBiasTest {

    @Test
    void startsALinearOutputLayerAtTheDataMarginal() {
        INDArray x = TestArrays.uniform(2, 0.1, 0.9, 50, 6);
        Autoencoder mse = org.ae4j.model.TinyModels.dense(6, 5, 3, "identity", "mse", DataType.DOUBLE, 1, List.of());
        assertThat(OutputBias.initialize(mse, org.ae4j.data.Dataset.of(x))).isTrue();
        INDArray bias = mse.decoder().parameters().get(3).value();
        assertThat(bias.toDoubleVector()).containsExactly(x.mean(0).toDoubleVector(), org.assertj.core.api.Assertions.within(1e-12));

        Autoencoder bce = org.ae4j.model.TinyModels.dense(6, 5, 3, "identity", "bce", DataType.DOUBLE, 1, List.of());
        assertThat(OutputBias.initialize(bce, org.ae4j.data.Dataset.of(x))).isTrue();
        double p = x.getColumn(0).meanNumber().doubleValue();
        assertThat(bce.decoder().parameters().get(3).value().getDouble(0, 0))
                .isCloseTo(Math.log(p / (1 - p)), org.assertj.core.api.Assertions.within(1e-12));

        Autoencoder sigmoidOutput = org.ae4j.model.TinyModels.dense(6, 5, 3, "sigmoid", "mse", DataType.DOUBLE, 1, List.of());
        assertThat(OutputBias.initialize(sigmoidOutput, org.ae4j.data.Dataset.of(x))).isFalse();
    }

}
