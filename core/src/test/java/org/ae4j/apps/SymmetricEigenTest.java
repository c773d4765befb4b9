package org.ae4j.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    static double[][] randomSymmetric(int n, int rank, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] b = new double[n][rank];
        for (double[] row : b) {
            for (int j = 0; j < rank; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < rank; k++) {
                    a[i][j] += b[i][k] * b[j][k];
                }
            }
        }
        return a;
    }

    @Test
    void decomposesFullAndRankDeficientMatrices() {
        for (int[] shape : new int[][] {{1, 1}, {2, 2}, {7, 7}, {60, 60}, {120, 15}, {50, 1}}) {
            double[][] a = randomSymmetric(shape[0], shape[1], shape[0] * 31L + shape[1]);
            SymmetricEigen eigen = new SymmetricEigen(a);
            double[] values = eigen.values();
            double[][] v = eigen.vectors();
            int n = a.length;
            double scale = 1;
            for (double x : values) {
                scale = Math.max(scale, Math.abs(x));
            }
            for (int k = 0; k < n; k++) {
                if (k > 0) {
                    assertThat(values[k]).isGreaterThanOrEqualTo(values[k - 1]);
                }
                for (int r = 0; r < n; r++) {
                    double av = 0;
                    for (int q = 0; q < n; q++) {
                        av += a[r][q] * v[q][k];
                    }
                    assertThat(Math.abs(av - values[k] * v[r][k])).as("A v = λ v, %dx%d, k=%d", n, n, k).isLessThan(1e-9 * scale);
                }
                for (int j = k; j < n; j++) {
                    double dot = 0;
                    for (int r = 0; r < n; r++) {
                        dot += v[r][k] * v[r][j];
                    }
                    assertThat(Math.abs(dot - (j == k ? 1 : 0))).as("orthonormal, %dx%d", n, n).isLessThan(1e-10);
                }
            }
        }
    }
}
