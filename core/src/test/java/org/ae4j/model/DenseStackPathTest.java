package org.ae4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.ae4j.TestArrays;
import org.ae4j.kernel.KernelSelection;
import org.ae4j.nn.DenseStack;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The small-model path ({@link DenseStack}) against the layer-by-layer path of the same model (same parameters, ND4J
 * kernels, which do not fuse layers), and its gradient against finite differences of its own loss.
 */
class DenseStackPathTest {

    private static Autoencoder layerByLayer(Autoencoder m) {
        return new Autoencoder(KernelSelection.named("nd4j"), m.encoder(), m.bottleneck(), m.decoder(), m.loss());
    }

    private static List<double[]> gradients(Autoencoder model, INDArray input, INDArray target) {
        model.computeGradients(input, target, StepContext.of(new RandomSource(1), new RandomSource(1), 1));
        List<double[]> all = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            all.add(p.gradient().castTo(DataType.DOUBLE).dup().data().asDouble());
        }
        return all;
    }

    private static void assertClose(INDArray actual, INDArray expected) {
        double scale = Math.max(1e-3, expected.castTo(DataType.DOUBLE).amaxNumber().doubleValue());
        assertThat(actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue() / scale)
                .isLessThan(1e-5);
    }

    @ParameterizedTest
    @CsvSource({"identity, mse", "sigmoid, mse", "identity, masked-mse"})
    void givesWhatTheLayersGive(String output, String loss) {
        Autoencoder fused = TinyModels.dense(12, 8, 4, output, loss, DataType.FLOAT, 3, List.of());
        Autoencoder plain = layerByLayer(fused);
        assertThat(fused.runsWhole(37)).isTrue();
        assertThat(plain.runsWhole(37)).isFalse();
        INDArray x = TestArrays.uniform(4, 0, 1, 37, 12).castTo(DataType.FLOAT);
        INDArray target = x.dup();
        if (loss.equals("masked-mse")) {
            target.putScalar(2, 3, Float.NaN);
            target.putScalar(5, 0, Float.NaN);
        }
        assertClose(fused.encode(x), plain.encode(x));
        assertClose(fused.reconstruct(x), plain.reconstruct(x));
        assertClose(fused.reconstructionLossPerExample(target), plain.reconstructionLossPerExample(target));
        assertThat(fused.reconstructionLoss(x, target)).isCloseTo(plain.reconstructionLoss(x, target), within(1e-6));
        INDArray input = loss.equals("masked-mse") ? fused.kernels().missingAsZero(target) : x;
        List<double[]> a = gradients(fused, input, target);
        List<double[]> b = gradients(plain, input, target);
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < a.get(i).length; j++) {
                assertThat(a.get(i)[j]).as("parameter " + i + "[" + j + "]").isCloseTo(b.get(i)[j], within(1e-6 + 1e-4 * Math.abs(b.get(i)[j])));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"mse", "masked-mse"})
    void gradientMatchesFiniteDifferencesOfTheLoss(String loss) {
        Autoencoder model = TinyModels.dense(6, 5, 3, "identity", loss, DataType.FLOAT, 11, List.of());
        INDArray x = TestArrays.uniform(7, -1, 1, 9, 6).castTo(DataType.FLOAT);
        INDArray target = x.dup();
        target.putScalar(1, 2, Float.NaN);
        INDArray input = model.kernels().missingAsZero(target);
        INDArray clean = loss.equals("mse") ? x : target;
        List<double[]> analytic = gradients(model, loss.equals("mse") ? x : input, clean);
        double eps = 1e-2;
        int checked = 0;
        for (int i = 0; i < model.parameters().size(); i++) {
            INDArray value = model.parameters().get(i).value();
            for (int j = 0; j < value.length(); j += 3) {
                double original = value.getDouble(j);
                value.putScalar(j, original + eps);
                double plus = model.reconstructionLoss(loss.equals("mse") ? x : input, clean);
                value.putScalar(j, original - eps);
                double minus = model.reconstructionLoss(loss.equals("mse") ? x : input, clean);
                value.putScalar(j, original);
                double numeric = (plus - minus) / (2 * eps);
                assertThat(analytic.get(i)[j]).as("parameter " + i + "[" + j + "]").isCloseTo(numeric, within(2e-3 + 2e-2 * Math.abs(numeric)));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    @ParameterizedTest
    @CsvSource({"9, 18, 3, mse", "9, 18, 3, masked-mse", "6, 12, 2, masked-mse", "30, 60, 10, mse"})
    void aRowScoresExactlyAsInItsBatch(int width, int hidden, int code, String loss) {
        Autoencoder model = TinyModels.dense(width, hidden, code, "identity", loss, DataType.FLOAT, 5, List.of());
        INDArray x = TestArrays.uniform(8, -1, 1, 200, width).castTo(DataType.FLOAT);
        INDArray batchCodes = model.encode(x);
        INDArray batchOut = model.reconstruct(x);
        INDArray batchScores = model.reconstructionLossPerExample(x);
        for (int i = 0; i < 200; i += 7) {
            INDArray row = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 1), org.nd4j.linalg.indexing.NDArrayIndex.all());
            assertThat(model.encode(row).getRow(0)).as("code of row " + i).isEqualTo(batchCodes.getRow(i));
            assertThat(model.reconstruct(row).getRow(0)).as("reconstruction of row " + i).isEqualTo(batchOut.getRow(i));
            assertThat(model.reconstructionLossPerExample(row).getFloat(0)).as("score of row " + i).isEqualTo(batchScores.getFloat(i));
        }
    }

    @ParameterizedTest
    @CsvSource({"9, true", "1024, true", "1025, false"})
    void isChosenBySize(int rows, boolean fits) {
        Autoencoder model = TinyModels.dense(64, 64, 32, "identity", "mse", DataType.FLOAT, 3, List.of());
        assertThat(DenseStack.of(((org.ae4j.nn.Sequential) model.encoder()).layers(), ((org.ae4j.nn.Sequential) model.decoder()).layers(),
                model.kernels(), false).orElseThrow().fits(rows)).isEqualTo(fits);
    }
}
