package org.ae4j.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ParameterBlockTest {

    private static List<Parameter> two() {
        return List.of(new Parameter("W", Parameter.Kind.WEIGHT, Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}})),
                new Parameter("b", Parameter.Kind.BIAS, Nd4j.createFromArray(new float[][] {{7, 8, 9}})));
    }

    @Test
    void packedParametersAreViewsOfTheFlatBuffersInOrder() {
        List<Parameter> parameters = two();
        ParameterBlock block = ParameterBlock.pack(parameters).orElseThrow();
        assertThat(block.values().ravel().toFloatVector()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(parameters.get(0).value().shape()).containsExactly(2, 3);
        assertThat(parameters.get(1).value().shape()).containsExactly(1, 3);

        parameters.get(1).value().putScalar(0, 2, 90f);              // a write through a view reaches the buffer
        assertThat(block.values().getFloat(8)).isEqualTo(90f);
        block.gradients().assign(1);                                  // and a write to the buffer reaches the views
        assertThat(parameters.get(0).gradient().sumNumber().floatValue()).isEqualTo(6f);
        block.zeroGradients();
        assertThat(parameters.get(1).gradient().sumNumber().floatValue()).isZero();
        assertThat(block.split(block.values()).get(0)).isEqualTo(parameters.get(0).value());
    }

    @Test
    void packingTwiceFindsTheSameBlock() {
        List<Parameter> parameters = two();
        ParameterBlock block = ParameterBlock.pack(parameters).orElseThrow();
        assertThat(ParameterBlock.pack(parameters)).containsSame(block);
        assertThat(ParameterBlock.of(parameters)).containsSame(block);
        assertThat(ParameterBlock.of(List.of(parameters.get(1), parameters.get(0)))).isEmpty();
        assertThat(ParameterBlock.of(parameters.subList(0, 1))).isEmpty();
    }

    @Test
    void refusesWhatCannotShareOneBuffer() {
        Parameter p = two().get(0);
        assertThat(ParameterBlock.pack(List.of(p, p))).isEmpty();
        assertThat(ParameterBlock.pack(List.of())).isEmpty();
        assertThat(ParameterBlock.pack(List.of(two().get(0),
                new Parameter("d", Parameter.Kind.BIAS, Nd4j.zeros(DataType.DOUBLE, 1, 2))))).isEmpty();
    }
}
