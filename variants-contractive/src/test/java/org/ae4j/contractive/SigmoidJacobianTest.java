package org.ae4j.contractive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The closed-form penalty's two kernels agree, and each writes the weight gradient or adds to it as asked. */
class SigmoidJacobianTest {

    private static final int BATCH = 6;
    private static final int INPUTS = 21;
    private static final int UNITS = 19;                      // off the vector grid: the loops' tails run too

    @Test
    void bothKernelsGiveTheSamePenaltyAndGradientsOverwritingOrAdding() {
        INDArray h = Transforms.sigmoid(Nd4j.randn(DataType.FLOAT, BATCH, INPUTS).mmul(Nd4j.randn(DataType.FLOAT, INPUTS, UNITS)));
        INDArray w = Nd4j.randn(DataType.FLOAT, INPUTS, UNITS).muli(0.3);
        for (SigmoidJacobian kernel : new SigmoidJacobian[] {new Nd4jSigmoidJacobian(), new VectorSigmoidJacobian()}) {
            INDArray reference = Nd4j.zeros(DataType.FLOAT, INPUTS, UNITS);
            INDArray referenceH = Nd4j.create(DataType.FLOAT, BATCH, UNITS);
            double expected = new Nd4jSigmoidJacobian().penalty(h, w, reference, false, referenceH, 0.7);

            INDArray written = Nd4j.valueArrayOf(new long[] {INPUTS, UNITS}, Float.NaN, DataType.FLOAT);
            INDArray hGradient = Nd4j.create(DataType.FLOAT, BATCH, UNITS);
            double value = kernel.penalty(h, w, written, true, hGradient, 0.7);
            assertThat(value).as(kernel.getClass().getSimpleName()).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(1e-4));
            assertThat(maxDifference(written, reference)).isLessThan(1e-5);
            assertThat(maxDifference(hGradient, referenceH)).isLessThan(1e-5);

            INDArray added = Nd4j.ones(DataType.FLOAT, INPUTS, UNITS);
            kernel.penalty(h, w, added, false, hGradient, 0.7);
            assertThat(maxDifference(added, reference.add(1))).isLessThan(1e-5);
        }
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }
}
