package org.ae4j.sparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.ae4j.Ae4j;
import org.ae4j.check.GradientCheck;
import org.ae4j.config.ConfigCodec;
import org.ae4j.config.ModelConfig;
import org.ae4j.data.Dataset;
import org.ae4j.data.FashionMnist;
import org.ae4j.data.MinMaxNormalizer;
import org.ae4j.model.Autoencoder;
import org.ae4j.registry.Registry;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.RandomSource;
import org.ae4j.spi.RegularizerSpec;
import org.ae4j.train.Trainer;
import org.ae4j.train.TrainingConfig;
import org.ae4j.variant.DenseAutoencoderSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
class SparsityTest {

    static final Registry REGISTRY = Ae4j.registry();

    static Autoencoder small(String activation, String code, RegularizerSpec penalty) {
        return new DenseAutoencoderSpec(List.of(6, 4), activation, code, "sigmoid", "mse")
                .build(new long[] {8}, new BuildContext(REGISTRY, DataType.DOUBLE, new RandomSource(5)))
                .withAdditionalRegularizers(List.of(penalty.create(org.ae4j.kernel.KernelSelection.best())));
    }

    static void assertGradientsMatch(Autoencoder model) {
        INDArray x = org.ae4j.testkit.Fixtures.uniform(120, 0, 1, DataType.DOUBLE, 7, 8);
        GradientCheck.Report report = GradientCheck.autoencoder(model, x, x, 0, GradientCheck.Options.defaults());
        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    @Test
    void klSparsityGradientMatchesFiniteDifferencesOnTheCodeAndOnAHiddenLayer() {
        assertGradientsMatch(small("tanh", "sigmoid", new KlSparsitySpec(0.1, 0.7, -1)));
        assertGradientsMatch(small("sigmoid", "tanh", new KlSparsitySpec(0.2, 0.5, 0)));
    }

    @Test
    void l1ActivityGradientMatchesFiniteDifferencesOnTheCodeAndOnAHiddenLayer() {
        assertGradientsMatch(small("tanh", "sigmoid", new L1ActivitySpec(0.3, -1)));
        assertGradientsMatch(small("sigmoid", "tanh", new L1ActivitySpec(0.3, 0)));
    }

    /** Float activations take the Java path; it gives the penalty and gradients of the (checked) ND4J path. */
    @Test
    void klSparsityOnFloatsMatchesTheDoublePath() {
        INDArray x = org.ae4j.testkit.Fixtures.uniform(121, 0, 1, DataType.DOUBLE, 7, 8);
        double[] penalty = new double[2];
        List<List<INDArray>> gradients = new java.util.ArrayList<>();
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            Autoencoder model = new DenseAutoencoderSpec(List.of(6, 4), "sigmoid", "sigmoid", "sigmoid", "mse")
                    .build(new long[] {8}, new BuildContext(REGISTRY, type, new RandomSource(5)))
                    .withAdditionalRegularizers(List.of(new KlSparsitySpec(0.1, 0.7, -1).create(org.ae4j.kernel.KernelSelection.best()), new KlSparsitySpec(0.2, 0.5, 0).create(org.ae4j.kernel.KernelSelection.best())));
            penalty[gradients.size()] = model.computeGradients(x.castTo(type), x.castTo(type), org.ae4j.model.StepContext.of(new RandomSource(0))).penalty();
            gradients.add(model.parameters().stream().map(p -> p.gradient().castTo(DataType.DOUBLE)).toList());
        }
        assertThat(penalty[0]).isCloseTo(penalty[1], within(1e-5 * penalty[1]));
        for (int p = 0; p < gradients.get(0).size(); p++) {
            INDArray reference = gradients.get(1).get(p);
            assertThat(gradients.get(0).get(p).sub(reference).amaxNumber().doubleValue()).as("parameter " + p)
                    .isLessThan(1e-5 * (1 + reference.amaxNumber().doubleValue()));
        }
    }

    @Test
    void klPenaltyFollowsTheFormula() {
        Autoencoder model = small("tanh", "sigmoid", new KlSparsitySpec(0.1, 2.0, -1));
        INDArray x = org.ae4j.testkit.Fixtures.uniform(122, 0, 1, DataType.DOUBLE, 7, 8);
        double[] rhoHat = model.encode(x).mean(0).toDoubleVector();
        double expected = 0;
        for (double r : rhoHat) {
            expected += 0.1 * Math.log(0.1 / r) + 0.9 * Math.log(0.9 / (1 - r));
        }
        assertThat(model.computeGradients(x, x, org.ae4j.model.StepContext.of(new RandomSource(0))).penalty()).isCloseTo(2.0 * expected, within(1e-12));

    }

    @Test
    void l1PenaltyIsTheMeanAbsoluteActivationSum() {
        Autoencoder model = small("tanh", "sigmoid", new L1ActivitySpec(0.5, -1));
        INDArray x = org.ae4j.testkit.Fixtures.uniform(123, 0, 1, DataType.DOUBLE, 7, 8);
        double expected = 0.5 * model.encode(x).norm1Number().doubleValue() / 7;
        assertThat(model.computeGradients(x, x, org.ae4j.model.StepContext.of(new RandomSource(0))).penalty()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void klSparsityRefusesALayerWhoseActivationsAreNotInTheUnitInterval() {
        assertThatThrownBy(() -> small("tanh", "relu", KlSparsitySpec.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kl-sparsity needs activations in (0, 1), but the code uses 'relu'; give it a sigmoid activation "
                        + "(e.g. \"codeActivation\": \"sigmoid\") or use l1-activity");
        assertThatThrownBy(() -> small("tanh", "sigmoid", new KlSparsitySpec(0.05, 1, 5)))
                .hasMessage("kl-sparsity: the encoder has layers 0 to 1, not 5 (-1 means the code)");
        ConfigCodec codec = new ConfigCodec(REGISTRY);
        ModelConfig relu = codec.read("{\"variant\": \"sparse\", \"model\": {\"codeActivation\": \"relu\"}}", "c.json");
        assertThatThrownBy(() -> relu.build(new long[] {784}, REGISTRY)).hasMessageStartingWith("kl-sparsity needs activations in (0, 1)");
    }

    @Test
    void sparseVariantIsDiscoveredAndConfigurable() {
        assertThat(REGISTRY.variantNames()).contains("sparse");
        assertThat(REGISTRY.regularizerNames()).contains("kl-sparsity", "l1-activity", "weight-decay");
        ConfigCodec codec = new ConfigCodec(REGISTRY);
        ModelConfig config = codec.read("{\"variant\": \"sparse\", \"regularizers\": [{\"type\": \"kl-sparsity\", \"rho\": 0.1},"
                + " {\"type\": \"l1-activity\", \"layer\": 0}]}", "t");
        assertThat(config.regularizers()).containsExactly(new KlSparsitySpec(0.1, 1e-2, -1), new L1ActivitySpec(1e-4, 0));
        assertThat(codec.read(codec.toJson(config), "t")).isEqualTo(config);
        assertThat(ModelConfig.defaults(REGISTRY.variant("sparse")).regularizers()).containsExactly(KlSparsitySpec.defaults());
    }

    @Test
    void trainedSparseCodesAverageNearRhoFarBelowTheUnpenalisedModel() {
        FashionMnist.Splits sample = FashionMnist.sample();
        MinMaxNormalizer normalizer = MinMaxNormalizer.fitGlobal(sample.train());
        Dataset train = normalizer.transform(sample.train());
        Dataset test = normalizer.transform(sample.test());
        TrainingConfig training = TrainingConfig.defaults().withEpochs(10).withBatchSize(64).withSeed(1);
        ModelConfig sparse = ModelConfig.defaults(REGISTRY.variant("sparse")).withTraining(training);
        ModelConfig unpenalised = new ModelConfig("sparse", sparse.model(), List.of(), sparse.optimizer(), training, Optional.empty());
        double sparseActivation = meanCodeActivation(sparse, train, test);
        double plainActivation = meanCodeActivation(unpenalised, train, test);
        assertThat(sparseActivation).as("mean code activation with KL(0.05)").isCloseTo(0.05, within(0.02));
        assertThat(plainActivation).as("without the penalty").isGreaterThan(5 * sparseActivation);
    }

    private static double meanCodeActivation(ModelConfig config, Dataset train, Dataset test) {
        Autoencoder model = config.build(new long[] {784}, REGISTRY);
        new Trainer(config.training()).fit(model, config.optimizer().create(org.ae4j.kernel.KernelSelection.best()), train);
        return model.encode(test.features()).meanNumber().doubleValue();
    }
}
