package org.ae4j.vanilla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ae4j.Ae4j;
import org.ae4j.check.GradientCheck;
import org.ae4j.data.Dataset;
import org.ae4j.data.FashionMnist;
import org.ae4j.data.MinMaxNormalizer;
import org.ae4j.model.Autoencoder;
import org.ae4j.nn.Dense;
import org.ae4j.nn.Sequential;
import org.ae4j.optim.AdamSpec;
import org.ae4j.registry.Registry;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.RandomSource;
import org.ae4j.train.Evaluation;
import org.ae4j.train.Trainer;
import org.ae4j.train.TrainingResult;
import org.ae4j.variant.DenseAutoencoderSpec;
import org.ae4j.variant.Variant;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
class VanillaVariantTest {

    static final Registry REGISTRY = Ae4j.registry();

    @Test
    void isDiscoveredThroughServiceLoader() {
        assertThat(REGISTRY.pluginNames()).contains("ae4j-core", "ae4j-variants-vanilla");
        assertThat(REGISTRY.variantNames()).contains("vanilla");
        assertThat(REGISTRY.variant("vanilla")).isInstanceOf(VanillaVariant.class);
    }

    @Test
    void defaultIsTheClassic784To32ReluAutoencoderWithAMirroredSigmoidDecoder() {
        Variant vanilla = REGISTRY.variant("vanilla");
        Autoencoder model = vanilla.build(784, BuildContext.of(REGISTRY, 1));
        assertThat(describe((Sequential) model.encoder())).containsExactly("784-128 relu", "128-64 relu", "64-32 relu");
        assertThat(describe((Sequential) model.decoder())).containsExactly("32-64 relu", "64-128 relu", "128-784 sigmoid");
        assertThat(model.loss().name()).isEqualTo("mse");
        assertThat(model.codeSize()).isEqualTo(32);
        assertThat(vanilla.optimizer()).isEqualTo(AdamSpec.defaults());
        assertThat(vanilla.optimizer().learningRate()).isEqualTo(1e-3);
        assertThat(vanilla.training().batchSize()).isEqualTo(256);
    }

    private static List<String> describe(Sequential stack) {
        return stack.layers().stream().map(l -> (Dense) l)
                .map(d -> d.inputShape()[0] + "-" + d.outputShape()[0] + " " + d.activation().name()).toList();
    }

    @Test
    void gradientOfTheWholeModelMatchesFiniteDifferences() {
        for (DenseAutoencoderSpec spec : List.of(
                new DenseAutoencoderSpec(List.of(6, 4, 3), "relu", "sigmoid", "mse"),
                new DenseAutoencoderSpec(List.of(5, 3), "tanh", "identity", "bce"))) {
            Autoencoder model = new VanillaVariant(spec).build(8,
                    new BuildContext(REGISTRY, DataType.DOUBLE, new RandomSource(2)));
            // Zero-initialised biases behind a dead ReLU give pre-activations of exactly 0, ReLU's kink,
            // where no derivative exists; shift the biases off it.
            model.parameters().stream().filter(p -> p.kind() == Parameter.Kind.BIAS).forEach(p -> p.value().addi(0.05));
            INDArray x = org.ae4j.testkit.Fixtures.uniform(124, 0, 1, DataType.DOUBLE, 5, 8);
            GradientCheck.Report report = GradientCheck.autoencoder(model, x, x, 0, GradientCheck.Options.defaults());
            assertThat(report.passed()).as(spec + ": " + report).isTrue();
        }
    }

    @Test
    void sameSeedSameWeights() {
        Variant vanilla = REGISTRY.variant("vanilla");
        Autoencoder a = vanilla.build(784, BuildContext.of(REGISTRY, 5));
        Autoencoder b = vanilla.build(784, BuildContext.of(REGISTRY, 5));
        Autoencoder c = vanilla.build(784, BuildContext.of(REGISTRY, 6));
        for (int i = 0; i < a.parameters().size(); i++) {
            assertThat(a.parameters().get(i).value()).isEqualTo(b.parameters().get(i).value());
        }
        assertThat(a.parameters().get(0).value()).isNotEqualTo(c.parameters().get(0).value());
    }

    @Test
    void rejectsLogitLossWithASigmoidOutput() {
        assertThatThrownBy(() -> new DenseAutoencoderSpec(List.of(32), "relu", "sigmoid", "bce"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss 'bce' takes logits, so outputActivation must be 'identity', got 'sigmoid'");
    }

    @Test
    void rejectsAnUnknownLossNamingTheKnownOnes() {
        VanillaVariant variant = new VanillaVariant(new DenseAutoencoderSpec(List.of(4), "relu", "sigmoid", "l2"));
        assertThatThrownBy(() -> variant.build(10, BuildContext.of(REGISTRY, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown loss 'l2'; known losses: bce, masked-mse, mse");
    }

    @Test
    void learnsToReconstructTheEmbeddedFashionMnistSample() {
        FashionMnist.Splits sample = FashionMnist.sample();
        MinMaxNormalizer normalizer = MinMaxNormalizer.fitGlobal(sample.train());
        Dataset train = normalizer.transform(sample.train());
        Dataset test = normalizer.transform(sample.test());
        Variant vanilla = REGISTRY.variant("vanilla");
        Autoencoder model = vanilla.build(784, BuildContext.of(REGISTRY, 1));
        TrainingResult result = new Trainer(vanilla.training().withEpochs(4))
                .fit(model, vanilla.optimizer().create(org.ae4j.kernel.KernelSelection.best()), train);

        // the baseline every autoencoder must beat: predicting the mean training image
        INDArray mean = train.features().mean(0);
        double baseline = Math.pow(test.features().subRowVector(mean).norm2Number().doubleValue(), 2)
                / test.features().length();
        double mse = Evaluation.meanSquaredError(model, test, 256);
        assertThat(mse).as("test MSE vs mean-image baseline %.4f", baseline).isLessThan(0.75 * baseline);
        assertThat(result.last().trainLoss()).isLessThan(result.history().get(0).trainLoss());
    }
}
