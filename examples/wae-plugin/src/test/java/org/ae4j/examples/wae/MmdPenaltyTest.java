package org.ae4j.examples.wae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ae4j.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class MmdPenaltyTest {

    /** The pairwise kernel matrix against the formula written out entry by entry. */
    @Test
    void kernelMatrixIsTheInverseMultiquadratic() {
        INDArray a = Fixtures.gaussian(1, 1.0, DataType.DOUBLE, 4, 3);
        INDArray b = Fixtures.gaussian(2, 1.0, DataType.DOUBLE, 5, 3);
        INDArray k = MmdPenalty.inverseMultiquadratic(a, b, 6.0);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 5; j++) {
                double r = a.getRow(i).sub(b.getRow(j)).norm2Number().doubleValue();
                assertThat(k.getDouble(i, j)).isCloseTo(6.0 / (6.0 + r * r), within(1e-12));
            }
        }
    }

    /** Codes drawn from the prior are indistinguishable from it; codes far from it are not. */
    @Test
    void mmdIsNearZeroForPriorSamplesAndLargeForShiftedCodes() {
        INDArray prior = Fixtures.gaussian(3, 1.0, DataType.DOUBLE, 400, 4);
        INDArray same = Fixtures.gaussian(4, 1.0, DataType.DOUBLE, 400, 4);
        INDArray shifted = same.add(2.0);
        assertThat(Math.abs(mmd(same, prior))).isLessThan(0.01);
        assertThat(mmd(shifted, prior)).isGreaterThan(0.2);
    }

    /** The unbiased estimate, computed the slow way. */
    private static double mmd(INDArray z, INDArray prior) {
        double c = 2.0 * z.size(1);
        long n = z.size(0);
        double zz = MmdPenalty.inverseMultiquadratic(z, z, c).sumNumber().doubleValue() - n;
        double pp = MmdPenalty.inverseMultiquadratic(prior, prior, c).sumNumber().doubleValue() - n;
        double zp = MmdPenalty.inverseMultiquadratic(z, prior, c).sumNumber().doubleValue();
        return (zz + pp) / (n * (n - 1.0)) - 2 * zp / (n * (double) n);
    }
}
