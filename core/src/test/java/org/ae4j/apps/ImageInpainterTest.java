package org.ae4j.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.optim.AdamSpec;
import org.ae4j.registry.CorePlugin;
import org.ae4j.registry.Registry;
import org.ae4j.spi.BuildContext;
import org.ae4j.train.Trainer;
import org.ae4j.train.TrainingConfig;
import org.ae4j.variant.DenseAutoencoderSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ImageInpainterTest {

    static final Registry REGISTRY = Registry.of(List.of(new CorePlugin()));

    /** 8×8 images made of two smooth patterns in random proportions, in [0, 1]. */
    private static float[] images(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[n * 64];
        for (int i = 0; i < n; i++) {
            double a = random.nextDouble();
            double b = random.nextDouble();
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    out[i * 64 + y * 8 + x] = (float) (0.5 * a * (1 + Math.sin(x / 2.0)) / 2 + 0.5 * b * (1 + Math.cos(y / 3.0)) / 2);
                }
            }
        }
        return out;
    }

    /** Blacks out a random 4×4 square of each 8×8 image, as the {@code occlusion} corruption of the denoising variant does. */
    private static final class SquareOcclusion implements org.ae4j.spi.Corruption {
        @Override
        public String name() {
            return "square-occlusion";
        }

        @Override
        public INDArray corrupt(INDArray clean, org.ae4j.spi.RandomSource random) {
            INDArray out = clean.dup();
            for (int i = 0; i < out.size(0); i++) {
                int x0 = random.java().nextInt(5);
                int y0 = random.java().nextInt(5);
                for (int y = y0; y < y0 + 4; y++) {
                    for (int x = x0; x < x0 + 4; x++) {
                        out.putScalar(i, y * 8 + x, 0);
                    }
                }
            }
            return out;
        }
    }

    @Test
    void fillsAnOccludedSquareFarBetterThanTheMeanAndKeepsTheGivenPixels() {
        Dataset train = Dataset.of(Nd4j.createFromArray(images(2000, 1)).reshape(2000, 64));
        Autoencoder model = new DenseAutoencoderSpec(List.of(32, 4), "relu", "sigmoid", "mse")
                .build(new long[] {64}, BuildContext.of(REGISTRY, 2)).withCorruption(new SquareOcclusion());
        new Trainer(TrainingConfig.defaults().withSeed(2).withEpochs(30).withValidationFraction(0).withEarlyStopping(0, 0))
                .fit(model, AdamSpec.defaults().create(REGISTRY.kernels()), train);
        float[] truth = images(200, 3);
        boolean[] missing = new boolean[64];
        for (int y = 2; y < 6; y++) {
            for (int x = 3; x < 7; x++) {
                missing[y * 8 + x] = true;
            }
        }
        float[] given = truth.clone();
        for (int i = 0; i < given.length; i++) {
            given[i] = missing[i % 64] ? Float.NaN : given[i];
        }
        ImageInpainter.Result result = new ImageInpainter(model).inpaint(Nd4j.createFromArray(given).reshape(200, 64), missing,
                ImageInpainter.DEFAULT_OPTIONS);
        float[] filled = result.images().data().asFloat();
        double[] mean = new double[64];
        for (int i = 0; i < 2000 * 64; i++) {
            mean[i % 64] += train.features().getDouble(i / 64, i % 64) / 2000;
        }
        double error = 0;
        double meanError = 0;
        for (int i = 0; i < truth.length; i++) {
            if (missing[i % 64]) {
                error += Math.pow(filled[i] - truth[i], 2);
                meanError += Math.pow(mean[i % 64] - truth[i], 2);
            } else {
                assertThat(filled[i]).isEqualTo(truth[i]);
            }
        }
        assertThat(Math.sqrt(error)).as("RMSE against the mean's %.4f", Math.sqrt(meanError)).isLessThan(0.65 * Math.sqrt(meanError));
        assertThat(result.iterations()).isEqualTo(1);
    }

    @Test
    void refusesAMaskOfTheWrongSizeAndUnmarkedHoles() {
        Autoencoder model = new DenseAutoencoderSpec(List.of(8, 2), "relu", "sigmoid", "mse").build(new long[] {16},
                BuildContext.of(REGISTRY, 1));
        INDArray images = Nd4j.rand(3, 16);
        assertThatThrownBy(() -> new ImageInpainter(model).inpaint(images, new boolean[15], ImputationOptions.defaults()))
                .hasMessageContaining("the mask has 15 values; expected 16 (one image) or 48 (every image)");
        images.putScalar(1, 5, Double.NaN);
        assertThatThrownBy(() -> new ImageInpainter(model).inpaint(images, new boolean[16], ImputationOptions.defaults()))
                .hasMessageContaining("image 1 has NaN at value 5");
        assertThatThrownBy(() -> new ImageInpainter(model).inpaint(Nd4j.rand(3, 17), new boolean[16], ImputationOptions.defaults()))
                .hasMessageContaining("do not fit the model's input [16]");
    }
}
