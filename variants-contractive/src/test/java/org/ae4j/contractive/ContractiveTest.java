package org.ae4j.contractive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.ae4j.Ae4j;
import org.ae4j.check.GradientCheck;
import org.ae4j.config.ModelConfig;
import org.ae4j.data.Dataset;
import org.ae4j.data.FashionMnist;
import org.ae4j.data.MinMaxNormalizer;
import org.ae4j.model.Autoencoder;
import org.ae4j.nn.Dense;
import org.ae4j.registry.Registry;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.RandomSource;
import org.ae4j.train.Trainer;
import org.ae4j.train.TrainingConfig;
import org.ae4j.variant.DenseAutoencoderSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
class ContractiveTest {

    static final Registry REGISTRY = Ae4j.registry();

    static Autoencoder model(List<Integer> sizes, String activation, ContractiveSpec penalty) {
        return model(new DenseAutoencoderSpec(sizes, activation, "sigmoid", "mse"), penalty, 11);
    }

    /** {@code spec} on 8 inputs, in double precision, with {@code penalty} as its regularizer. */
    static Autoencoder model(DenseAutoencoderSpec spec, ContractiveSpec penalty, long seed) {
        return spec.build(new long[] {8}, new BuildContext(REGISTRY, DataType.DOUBLE, new RandomSource(seed)))
                .withAdditionalRegularizers(List.of(penalty.create(org.ae4j.kernel.KernelSelection.best())));
    }

    static void assertGradientsMatch(Autoencoder model) {
        INDArray x = org.ae4j.testkit.Fixtures.uniform(108, 0, 1, DataType.DOUBLE, 6, 8);
        GradientCheck.Report report = GradientCheck.autoencoder(model, x, x, 3, GradientCheck.Options.defaults());
        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    @Test
    void exactFormGradientMatchesFiniteDifferences() {
        assertGradientsMatch(model(List.of(5), "sigmoid", new ContractiveSpec(0.5, "exact", 0.05, 1)));
    }

    /** The variant's own architecture (sigmoid encoder, linear decoder), scaled down, with its default penalty form. */
    @Test
    void theVariantsLinearDecoderGradientMatchesFiniteDifferences() {
        DenseAutoencoderSpec spec = ContractiveVariant.DEFAULT_SPEC.withEncoderSizes(List.of(5));
        assertThat(spec.outputActivation()).isEqualTo("identity");
        assertGradientsMatch(model(spec, new ContractiveSpec(0.5, "auto", 0.05, 1), 12));
    }

    @Test
    void stochasticFormGradientMatchesFiniteDifferencesWithTheNoiseHeldFixed() {
        assertGradientsMatch(model(List.of(5), "sigmoid", new ContractiveSpec(0.5, "stochastic", 0.1, 2)));
        assertGradientsMatch(model(List.of(6, 4), "tanh", new ContractiveSpec(0.5, "auto", 0.1, 1)));
    }

    /** The fused closed form (float) gives the penalty and gradients of the ND4J path checked above. */
    @Test
    void fusedExactFormMatchesTheNd4jPath() {
        INDArray x = org.ae4j.testkit.Fixtures.uniform(29, 0, 1, DataType.FLOAT, 29, 53);
        double[] penalty = new double[2];
        List<List<INDArray>> gradients = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            org.ae4j.spi.Kernels kernels = org.ae4j.kernel.KernelSelection.named(i == 0 ? "vector-api" : "nd4j");
            var registry = org.ae4j.registry.Registry.of(org.ae4j.Ae4j.plugins(getClass().getClassLoader()), kernels);
            {
                Autoencoder model = new DenseAutoencoderSpec(List.of(37), "sigmoid", "sigmoid", "mse")
                        .build(new long[] {53}, new BuildContext(registry, DataType.FLOAT, new RandomSource(11)))
                        .withAdditionalRegularizers(List.of(new ContractiveSpec(0.5, "exact", 0.05, 1).create(kernels)));
                penalty[i] = model.computeGradients(x, x, org.ae4j.model.StepContext.of(new RandomSource(0))).penalty();
                gradients.add(model.parameters().stream().map(p -> p.gradient().dup()).toList());
            }
        }
        assertThat(penalty[0]).isCloseTo(penalty[1], within(1e-5 * penalty[1]));
        for (int p = 0; p < gradients.get(0).size(); p++) {
            INDArray plain = gradients.get(1).get(p);
            assertThat(gradients.get(0).get(p).sub(plain).amaxNumber().doubleValue()).as("parameter " + p)
                    .isLessThan(1e-5 * (1 + plain.amaxNumber().doubleValue()));
        }
    }

    @Test
    void exactFormEqualsTheJacobianComputedByFiniteDifferences() {
        Dense layer = (Dense) ((org.ae4j.nn.Sequential) model(List.of(5), "sigmoid", ContractiveSpec.defaults()).encoder())
                .layers().get(0);
        INDArray x = org.ae4j.testkit.Fixtures.uniform(109, 0, 1, DataType.DOUBLE, 3, 8);
        double bruteForce = 0;
        double h = 1e-6;
        for (int b = 0; b < 3; b++) {
            for (int i = 0; i < 8; i++) {
                INDArray plus = x.getRow(b, true).dup();
                INDArray minus = plus.dup();
                plus.putScalar(0, i, plus.getDouble(0, i) + h);
                minus.putScalar(0, i, minus.getDouble(0, i) - h);
                INDArray column = layer.forward(plus).output().sub(layer.forward(minus).output()).divi(2 * h);
                bruteForce += Math.pow(column.norm2Number().doubleValue(), 2);
            }
        }
        assertThat(JacobianNorm.exact(layer, x)).isCloseTo(bruteForce / 3, within(1e-8));
    }

    @Test
    void stochasticEstimateAgreesWithTheExactFormWithinFivePercent() {
        Dense layer = (Dense) ((org.ae4j.nn.Sequential) model(List.of(5), "sigmoid", ContractiveSpec.defaults()).encoder())
                .layers().get(0);
        INDArray x = org.ae4j.testkit.Fixtures.uniform(110, 0, 1, DataType.DOUBLE, 20, 8);
        double exact = JacobianNorm.exact(layer, x);
        double estimate = JacobianNorm.stochastic(new org.ae4j.nn.Sequential("encoder", List.of(layer)), x, 0.01, 400,
                new RandomSource(5));
        assertThat(estimate).as("stochastic vs exact %.5f", exact).isCloseTo(exact, within(0.05 * exact));
    }

    @Test
    void penaltyValueIsLambdaTimesTheJacobianNorm() {
        Autoencoder exact = model(List.of(5), "sigmoid", new ContractiveSpec(0.25, "exact", 0.05, 1));
        INDArray x = org.ae4j.testkit.Fixtures.uniform(111, 0, 1, DataType.DOUBLE, 6, 8);
        Dense layer = (Dense) ((org.ae4j.nn.Sequential) exact.encoder()).layers().get(0);
        assertThat(exact.computeGradients(x, x, org.ae4j.model.StepContext.of(new RandomSource(0))).penalty())
                .isCloseTo(0.25 * JacobianNorm.exact(layer, x), within(1e-12));
    }

    @Test
    void exactEstimatorRefusesDeeperEncoders() {
        assertThatThrownBy(() -> model(List.of(6, 4), "sigmoid", new ContractiveSpec(1e-4, "exact", 0.05, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the exact contractive penalty needs an encoder of one dense sigmoid layer; use \"estimator\": "
                        + "\"stochastic\" (or \"auto\") for other encoders");
        assertThatThrownBy(() -> new ContractiveSpec(1e-4, "approx", 0.05, 1))
                .hasMessage("contractive estimator must be one of auto, exact, stochastic; got \"approx\"");
    }

    @Test
    void trainedContractiveEncoderHasASmallerJacobianThanTheUnpenalisedOne() {
        assertThat(REGISTRY.variantNames()).contains("contractive");
        FashionMnist.Splits sample = FashionMnist.sample();
        MinMaxNormalizer normalizer = MinMaxNormalizer.fitGlobal(sample.train());
        Dataset train = normalizer.transform(sample.train());
        Dataset test = normalizer.transform(sample.test());
        TrainingConfig training = TrainingConfig.defaults().withEpochs(5).withBatchSize(64).withSeed(1);
        ModelConfig contractive = ModelConfig.defaults(REGISTRY.variant("contractive")).withTraining(training);
        ModelConfig plain = new ModelConfig("contractive", contractive.model(), List.of(), contractive.optimizer(), training,
                Optional.empty());
        double penalised = jacobianAfterTraining(contractive, train, test);
        double unpenalised = jacobianAfterTraining(plain, train, test);
        assertThat(penalised).as("mean ||J||² with the penalty vs %.2f without", unpenalised).isLessThan(unpenalised);
    }

    private static double jacobianAfterTraining(ModelConfig config, Dataset train, Dataset test) {
        Autoencoder model = config.build(new long[] {784}, REGISTRY);
        new Trainer(config.training()).fit(model, config.optimizer().create(org.ae4j.kernel.KernelSelection.best()), train);
        Dense layer = JacobianNorm.oneLayerSigmoid(model.encoder()).orElseThrow();
        return JacobianNorm.exact(layer, test.features());
    }
}
