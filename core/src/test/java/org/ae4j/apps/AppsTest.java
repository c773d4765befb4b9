package org.ae4j.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.ae4j.TestArrays;
import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class AppsTest {

    @Test
    void aurocOfAPerfectScorerIsOneAndOfItsReverseZero() {
        double[] scores = {0.1, 0.2, 0.3, 0.8, 0.9};
        boolean[] positive = {false, false, false, true, true};
        assertThat(Roc.auroc(scores, positive)).isEqualTo(1.0);
        assertThat(Roc.auroc(new double[] {0.9, 0.8, 0.3, 0.2, 0.1}, positive)).isEqualTo(0.0);
        assertThat(Roc.auroc(new double[] {1, 1, 1, 1, 1}, positive)).isEqualTo(0.5);
    }

    @Test
    void aurocOfARandomScorerIsAHalf() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 20000;
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            scores[i] = rng.nextDouble();
            positive[i] = rng.nextBoolean();
        }
        assertThat(Roc.auroc(scores, positive)).isCloseTo(0.5, within(0.01));
        assertThatThrownBy(() -> Roc.auroc(new double[] {1, 2}, new boolean[] {true, true}))
                .hasMessage("AUROC needs both positives and negatives, got 2 and 0");
    }

    @Test
    void linearProbeSeparatesSeparableClasses() {
        int n = 300;
        double[][] x = new double[n][2];
        int[] y = new int[n];
        SplittableRandom rng = new SplittableRandom(2);
        double[][] centres = {{0, 0}, {6, 0}, {0, 6}};
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            x[i][0] = centres[y[i]][0] + rng.nextGaussian() * 0.5;
            x[i][1] = centres[y[i]][1] + rng.nextGaussian() * 0.5;
        }
        Dataset data = Dataset.labeled(Nd4j.create(x).castTo(DataType.FLOAT), y);
        LinearProbe probe = LinearProbe.fit(data, 3, 300, 0.05, org.ae4j.kernel.KernelSelection.best());
        assertThat(probe.accuracy(data)).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void pcaReconstructionEqualsTheTruncatedSvd() {
        INDArray x = TestArrays.gaussian(3, 1.0, 40, 6).mmul(TestArrays.gaussian(4, 1.0, 6, 6)).addiRowVector(
                Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {1, 6}, 'c'));
        INDArray mean = x.mean(true, 0);
        INDArray centered = x.subRowVector(mean).dup('f');
        INDArray s = Nd4j.create(DataType.DOUBLE, 6);
        INDArray u = Nd4j.create(DataType.DOUBLE, new long[] {40, 40}, 'f');
        INDArray vt = Nd4j.create(DataType.DOUBLE, new long[] {6, 6}, 'f');
        Nd4j.getBlasWrapper().lapack().gesvd(centered, s, u, vt);
        int k = 3;
        INDArray uk = u.get(NDArrayIndex.all(), NDArrayIndex.interval(0, k));
        INDArray sk = Nd4j.diag(s.get(NDArrayIndex.interval(0, k)));
        INDArray vtk = vt.get(NDArrayIndex.interval(0, k), NDArrayIndex.all());
        INDArray truncated = uk.mmul(sk).mmul(vtk).addRowVector(mean);

        Autoencoder pca = Pca.fit(Dataset.of(x.castTo(DataType.FLOAT))).autoencoder(k, org.ae4j.kernel.KernelSelection.best());
        INDArray reconstructed = pca.reconstruct(x.castTo(DataType.FLOAT)).castTo(DataType.DOUBLE);
        assertThat(reconstructed.sub(truncated).amaxNumber().doubleValue()).isLessThan(1e-4);
        assertThat(pca.codeSize()).isEqualTo(k);
    }

    @Test
    void leadingComponentsBySubspaceIterationMatchTheFullFit() {
        double[] scales = new double[40];
        for (int j = 0; j < scales.length; j++) {
            scales[j] = 10.0 / (1 + j);                        // a spectrum with gaps at the top
        }
        INDArray x = TestArrays.gaussian(9, 1.0, 300, 40).muliRowVector(Nd4j.create(scales, new long[] {1, 40}, 'c'));
        Dataset data = Dataset.of(x.castTo(DataType.FLOAT));
        Pca full = Pca.fit(data);
        Pca leading = Pca.fitLeading(data, 3, 7);
        assertThat(leading.explainedVariance()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(leading.explainedVariance()[i]).isCloseTo(full.explainedVariance()[i], within(1e-6 * full.explainedVariance()[i]));
        }
        INDArray a = full.autoencoder(3, org.ae4j.kernel.KernelSelection.best()).reconstruct(x.castTo(DataType.FLOAT));
        INDArray b = leading.autoencoder(3, org.ae4j.kernel.KernelSelection.best()).reconstruct(x.castTo(DataType.FLOAT));
        assertThat(a.sub(b).amaxNumber().doubleValue()).as("the same subspace").isLessThan(1e-3);
        assertThatThrownBy(() -> Pca.fitLeading(data, 41, 7)).hasMessage("PCA of 40-dimensional data has 1 to 40 components, not 41");
    }

    @Test
    void pcaVariancesAreSortedAndSumToTheTotalVariance() {
        INDArray x = TestArrays.gaussian(5, 1.0, 200, 4).muliRowVector(Nd4j.create(new double[] {3, 1, 0.5, 2}, new long[] {1, 4}, 'c'));
        double[] variances = Pca.fit(Dataset.of(x.castTo(DataType.FLOAT))).explainedVariance();
        assertThat(variances).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        double total = x.var(true, 0).sumNumber().doubleValue();
        assertThat(java.util.Arrays.stream(variances).sum()).isCloseTo(total, within(1e-3 * total));
    }

    @Test
    void calibratedDetectorFlagsAtMostTheChosenShareOfNormalData() {
        double[] validationScores = new double[1000];
        for (int i = 0; i < validationScores.length; i++) {
            validationScores[i] = i;
        }
        Dataset validation = Dataset.of(Nd4j.zeros(DataType.FLOAT, 1000, 1));
        AnomalyDetector detector = AnomalyDetector.calibrate(data -> validationScores, validation, 0.05);
        assertThat(detector.threshold()).isEqualTo(949.0);
        boolean[] flags = detector.flags(validation);
        long flagged = java.util.stream.IntStream.range(0, flags.length).filter(i -> flags[i]).count();
        assertThat(flagged).isEqualTo(50);
        assertThatThrownBy(() -> AnomalyDetector.calibrate(d -> validationScores, validation, 1.0))
                .hasMessage("false-positive rate must be in [0, 1), got 1.0");
    }
}
