package org.ae4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.ae4j.Ae4j;
import org.ae4j.check.GradientCheck;
import org.ae4j.config.ConfigCodec;
import org.ae4j.config.ModelConfig;
import org.ae4j.model.Autoencoder;
import org.ae4j.model.StepContext;
import org.ae4j.registry.Contributions;
import org.ae4j.registry.PluginModule;
import org.ae4j.registry.Registry;
import org.ae4j.spi.Ae4jPlugin;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.ParameterBlock;
import org.ae4j.spi.RandomSource;
import org.ae4j.train.DataParallelStep;
import org.ae4j.util.StepMemory;
import org.ae4j.variant.Variant;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The conformance suite of a variant: extend it in the variant module's tests and name the variant.
 * It loads the variant exactly as production does (ServiceLoader), and checks that its config
 * round-trips through JSON, that the same seed gives the same weights, that training does not modify
 * its input, that its gradient matches finite differences, that inference ({@code encode},
 * {@code reconstruct}) computes what the training pass computes wherever the training pass is
 * deterministic, that a data-parallel step leaves the whole batch's gradient, that a second plug-in
 * claiming its name is refused clearly, that its ONNX export runs under ONNX Runtime with the same outputs, and that
 * the plug-in uses no {@code INTERNAL} type of ae4j.
 * The performance check (no native allocation per step) is separate: {@link VariantAllocations}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class VariantConformance {

    /** The registered name of the variant under test. */
    protected abstract String variantName();

    /** Per-example input shape of the examples the variant is checked on. */
    protected long[] inputShape() {
        return new long[] {784};
    }

    /** Entries checked per parameter array in the gradient check (a seeded sample). */
    protected int gradientEntriesPerArray() {
        return 25;
    }

    private static Registry registry;

    private static Registry registry() {
        if (registry == null) {
            registry = Ae4j.registry();
        }
        return registry;
    }

    private Variant variant() {
        return registry().variant(variantName());
    }

    /** Three examples of {@link #inputShape()} with values in [0.05, 0.95). */
    private INDArray batch(DataType type, long seed) {
        long[] shape = new long[inputShape().length + 1];
        shape[0] = 3;
        System.arraycopy(inputShape(), 0, shape, 1, inputShape().length);
        return Fixtures.uniform(seed, 0.05, 0.95, type, shape);
    }

    @Test
    void isFoundThroughServiceLoaderUnderItsName() {
        assertThat(registry().variantNames()).contains(variantName());
        assertThat(variant().name()).isEqualTo(variantName());
        assertThat(variant().description()).isNotBlank();
    }

    @Test
    void defaultConfigRoundTripsThroughJson() {
        ConfigCodec codec = new ConfigCodec(registry());
        ModelConfig defaults = ModelConfig.defaults(variant());
        assertThat(codec.read(codec.toJson(defaults), variantName() + " defaults")).isEqualTo(defaults);
        assertThat(codec.read("{\"variant\": \"" + variantName() + "\"}", "minimal")).isEqualTo(defaults);
    }

    @Test
    void sameSeedGivesTheSameWeights() {
        ModelConfig config = ModelConfig.defaults(variant());
        Autoencoder a = config.model().build(inputShape(), BuildContext.of(registry(), 11));
        Autoencoder b = config.model().build(inputShape(), BuildContext.of(registry(), 11));
        Autoencoder c = config.model().build(inputShape(), BuildContext.of(registry(), 12));
        List<Boolean> differs = new ArrayList<>();
        for (int i = 0; i < a.parameters().size(); i++) {
            assertThat(a.parameters().get(i).value()).isEqualTo(b.parameters().get(i).value());
            differs.add(!a.parameters().get(i).value().equals(c.parameters().get(i).value()));
        }
        assertThat(differs).contains(true);
    }

    @Test
    void trainingDoesNotModifyItsInput() {
        Autoencoder model = ModelConfig.defaults(variant()).build(inputShape(), registry());
        INDArray x = batch(DataType.FLOAT, 3);
        INDArray copy = x.dup();
        model.trainingStep(x, StepContext.of(new RandomSource(1), new RandomSource(2), 1));
        model.reconstruct(x);
        assertThat(x).isEqualTo(copy);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        ModelConfig config = ModelConfig.defaults(variant());
        Autoencoder model = config.model().build(inputShape(), new BuildContext(registry(), DataType.DOUBLE, new RandomSource(5)))
                .withAdditionalRegularizers(config.regularizers().stream().map(r -> r.create(registry().kernels())).toList());
        // zero biases behind dead ReLUs sit exactly on the kink; move them off it
        model.parameters().stream().filter(p -> p.kind() == Parameter.Kind.BIAS).forEach(p -> p.value().addi(0.05));
        INDArray x = batch(DataType.DOUBLE, 4);
        GradientCheck.Options options = new GradientCheck.Options(1e-6, 1e-4, 1e-8, gradientEntriesPerArray(), 9);
        GradientCheck.Report report = GradientCheck.autoencoder(model, x, x, 0, options);
        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    /**
     * A step in two data-parallel lanes leaves the gradient of the whole batch: for a deterministic
     * model (same gradient under other random streams) the single-threaded gradient of the whole batch,
     * whole-batch statistics included (see {@code BatchSlice}); for a stochastic one, the size-weighted
     * mean of its two slices' gradients, each computed alone with the lane's random streams. In double
     * precision, on a batch of 7 (slices of 3 and 4).
     */
    @Test
    void dataParallelStepLeavesTheWholeBatchGradient() {
        ModelConfig config = ModelConfig.defaults(variant());
        Autoencoder built = config.model().build(inputShape(), new BuildContext(registry(), DataType.DOUBLE, new RandomSource(5)))
                .withAdditionalRegularizers(config.regularizers().stream().map(r -> r.create(registry().kernels())).toList());
        Autoencoder model = config.corruption().map(c -> built.withCorruption(c.create(registry().kernels()))).orElse(built);
        INDArray x = Nd4j.concat(0, batch(DataType.DOUBLE, 8), batch(DataType.DOUBLE, 9), batch(DataType.DOUBLE, 10))
                .get(NDArrayIndex.interval(0, 7)).dup();
        INDArray first = gradients(model, x, new RandomSource(21), new RandomSource(22));
        boolean deterministic = first.equals(gradients(model, x, new RandomSource(23), new RandomSource(24)));
        INDArray expected;
        if (deterministic) {
            expected = first;
        } else {
            RandomSource stochastic = new RandomSource(31);
            RandomSource corrupting = new RandomSource(32);
            INDArray lower = gradients(model, x.get(NDArrayIndex.interval(0, 3)).dup(), stochastic, corrupting);
            INDArray upper = gradients(model, x.get(NDArrayIndex.interval(3, 7)).dup(), stochastic.split("lane 1"),
                    corrupting.split("lane 1"));
            expected = lower.mul(3.0 / 7).addi(upper.mul(4.0 / 7));
        }
        StepMemory memory = new StepMemory("conformance-parallel-" + variantName());
        try (DataParallelStep parallel = new DataParallelStep(model, 2, memory)) {
            parallel.startEpoch(new RandomSource(deterministic ? 41 : 31), new RandomSource(deterministic ? 42 : 32));
            parallel.step(x, 1);
        }
        INDArray actual = ParameterBlock.of(model.parameters()).orElseThrow().gradients().dup();
        double scale = expected.norm2Number().doubleValue();
        assertThat(scale).isPositive();
        assertThat(actual.sub(expected).norm2Number().doubleValue() / scale).as("relative difference, %s model",
                deterministic ? "deterministic" : "stochastic").isLessThan(1e-12);
    }

    private static INDArray gradients(Autoencoder model, INDArray x, RandomSource stochastic, RandomSource corrupting) {
        model.trainingStep(x, StepContext.of(stochastic, corrupting, 1));
        return ParameterBlock.of(model.parameters()).orElseThrow().gradients().dup();
    }

    /**
     * Where the training pass is deterministic, inference computes the same: {@code encode} gives the
     * code the training pass handed the decoder, and {@code reconstructionLoss} the training pass's
     * reconstruction loss (a bottleneck whose {@code encode} forgot a step of its {@code forward} fails here).
     */
    @Test
    void inferenceAgreesWithTheDeterministicTrainingPass() {
        Autoencoder model = ModelConfig.defaults(variant()).model().build(inputShape(),
                new BuildContext(registry(), DataType.DOUBLE, new RandomSource(5)));
        INDArray x = batch(DataType.DOUBLE, 12);
        INDArray h = model.encoder().forward(x).output();
        INDArray z = model.bottleneck().forward(h, new RandomSource(1), 0).z();
        boolean deterministic = z.equals(model.bottleneck().forward(h, new RandomSource(2), 0).z());
        INDArray code = model.encode(x);
        if (deterministic) {
            assertThat(code).as("encode(x) against the training pass's code").isEqualTo(z);
            double trained = model.objective(x, new RandomSource(3)).reconstruction();
            assertThat(model.reconstructionLoss(x, x)).as("reconstruction loss at inference and in training")
                    .isCloseTo(trained, org.assertj.core.api.Assertions.within(1e-12 * (1 + Math.abs(trained))));
        }
        assertThat(code.shape()).containsExactly(x.size(0), model.codeSize());
        assertThat(model.reconstruct(x).shape()).isEqualTo(x.shape());
    }

    /**
     * Whether the variant's default model exports to ONNX (every bundled variant's does). A variant whose components do
     * not implement {@link org.ae4j.spi.OnnxExportable} returns false; its export must then be refused by name.
     */
    protected boolean exportsToOnnx() {
        return true;
    }

    /**
     * Every part of the default model exported to ONNX runs under ONNX Runtime and reproduces ae4j's code,
     * reconstruction and score within {@link OnnxRuntimeCheck#TOLERANCE}; or, for a variant that does not export,
     * the export is refused with a message naming what cannot be exported.
     */
    @Test
    void onnxRuntimeReproducesTheExportedModel() {
        Autoencoder model = ModelConfig.defaults(variant()).model().build(inputShape(),
                new BuildContext(registry(), DataType.FLOAT, new RandomSource(5)));
        INDArray x = batch(DataType.FLOAT, 13);
        OnnxRuntimeCheck.shiftBiases(model.parameters(), 14);
        if (exportsToOnnx()) {
            OnnxRuntimeCheck.assertReproduces(model, x);
        } else {
            assertThatThrownBy(() -> org.ae4j.onnx.OnnxExport.of(model, org.ae4j.onnx.OnnxExport.Part.FULL))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("cannot be exported to ONNX");
        }
    }

    /** The plug-in's own classes (its variant's package) use no type of ae4j marked {@code INTERNAL}. */
    @Test
    void usesNoInternalTypeOfAe4j() {
        PluginRules.usesNoInternalType(variant().getClass().getPackageName());
    }

    @Test
    void aSecondPluginClaimingTheNameIsRefused() {
        Variant original = variant();
        Ae4jPlugin impostor = new PluginModule("impostor") {
            @Override
            protected void configure() {
                Contributions.variant(binder(), new org.ae4j.variant.BaseVariant(original.name(), "an impostor",
                        original.spec(), original.regularizers(), original.corruption(), original.optimizer(), original.training()));
            }
        };
        List<Ae4jPlugin> plugins = new ArrayList<>(Ae4j.plugins(VariantConformance.class.getClassLoader()));
        plugins.add(impostor);
        assertThatThrownBy(() -> Registry.of(plugins))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("impostor")
                .hasMessageContaining("\"" + original.name() + "\"");
    }
}
