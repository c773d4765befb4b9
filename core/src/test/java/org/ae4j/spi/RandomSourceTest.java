package org.ae4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RandomSourceTest {

    /** Moments and the mass within 1, 2 and 3 standard deviations match N(μ, σ²) (n = 200,001, odd on purpose). */
    @Test
    void gaussianSamplesFollowTheNormalDistribution() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray x = new RandomSource(7).gaussianInPlace(Nd4j.createUninitialized(type, 1, 200_001), 1.5, 0.3);
            double[] v = x.ravel().toDoubleVector();
            double mean = 0;
            for (double d : v) {
                mean += d / v.length;
            }
            double variance = 0;
            int[] within = new int[3];
            for (double d : v) {
                variance += (d - mean) * (d - mean) / v.length;
                for (int k = 0; k < 3; k++) {
                    if (Math.abs(d - 1.5) <= (k + 1) * 0.3) {
                        within[k]++;
                    }
                }
            }
            assertThat(mean).as(type + " mean").isCloseTo(1.5, within(0.003));
            assertThat(Math.sqrt(variance)).as(type + " std").isCloseTo(0.3, within(0.003));
            assertThat(within[0] / (double) v.length).as(type + " within 1σ").isCloseTo(0.6827, within(0.005));
            assertThat(within[1] / (double) v.length).as(type + " within 2σ").isCloseTo(0.9545, within(0.003));
            assertThat(within[2] / (double) v.length).as(type + " within 3σ").isCloseTo(0.9973, within(0.001));
            assertThat(x.isNaN().any() || x.isInfinite().any()).isFalse();
        }
    }

    @Test
    void sameSeedSameNoiseDifferentSeedDifferentNoise() {
        INDArray a = new RandomSource(3).gaussianInPlace(Nd4j.createUninitialized(DataType.FLOAT, 64, 784), 0, 1);
        INDArray b = new RandomSource(3).gaussianInPlace(Nd4j.createUninitialized(DataType.FLOAT, 64, 784), 0, 1);
        INDArray c = new RandomSource(4).gaussianInPlace(Nd4j.createUninitialized(DataType.FLOAT, 64, 784), 0, 1);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        // consecutive draws from one stream differ
        RandomSource r = new RandomSource(3);
        assertThat(r.gaussianInPlace(Nd4j.createUninitialized(DataType.FLOAT, 64, 784), 0, 1))
                .isNotEqualTo(r.gaussianInPlace(Nd4j.createUninitialized(DataType.FLOAT, 64, 784), 0, 1));
    }
}
