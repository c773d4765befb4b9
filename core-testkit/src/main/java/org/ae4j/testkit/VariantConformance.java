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
import org.ae4j.registry.Contributions;
import org.ae4j.registry.PluginModule;
import org.ae4j.registry.Registry;
import org.ae4j.spi.Ae4jPlugin;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.Optimizer;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.ParameterBlock;
import org.ae4j.train.DataParallelStep;
import org.ae4j.util.StepMemory;
import org.ae4j.spi.RandomSource;
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
 * its input, that its gradient matches finite differences, that steady-state training steps make no
 * native array buffers outside their workspace, that a data-parallel step leaves the whole batch's
 * gradient, and that a second plug-in claiming its name is refused clearly.
 */
@API(status = API.Status.STABLE, since = "0.1")
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

    private Registry registry() {
        return Ae4j.registry();
    }

    private Variant variant() {
        return registry().variant(variantName());
    }

    private INDArray batch(DataType type, long seed) {
        long[] shape = new long[inputShape().length + 1];
        shape[0] = 3;
        System.arraycopy(inputShape(), 0, shape, 1, inputShape().length);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        double[] values = new double[Math.toIntExact(java.util.Arrays.stream(shape).reduce(1, Math::multiplyExact))];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.05 + 0.9 * rng.nextDouble();
        }
        return Nd4j.create(values, shape, 'c').castTo(type);
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
        model.trainingStep(x, org.ae4j.model.StepContext.of(new RandomSource(1), new RandomSource(2), 1));
        model.reconstruct(x);
        assertThat(x).isEqualTo(copy);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        ModelConfig config = ModelConfig.defaults(variant());
        Autoencoder model = config.model().build(inputShape(), new BuildContext(registry(), DataType.DOUBLE, new RandomSource(5)))
                .withAdditionalRegularizers(config.regularizers().stream().map(r -> r.create(org.ae4j.kernel.KernelSelection.best())).toList());
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
                .withAdditionalRegularizers(config.regularizers().stream().map(r -> r.create(org.ae4j.kernel.KernelSelection.best())).toList());
        Autoencoder model = config.corruption().map(c -> built.withCorruption(c.create(org.ae4j.kernel.KernelSelection.best()))).orElse(built);
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
        model.trainingStep(x, org.ae4j.model.StepContext.of(stochastic, corrupting, 1));
        return ParameterBlock.of(model.parameters()).orElseThrow().gradients().dup();
    }

    /**
     * Scalar operand buffers (one value each) that ND4J's scalar ops still make per training step of
     * this variant; 0 unless a variant declares otherwise.
     */
    protected int scalarBuffersPerStep() {
        return 0;
    }

    @Test
    void steadyStateTrainingStepsAllocateNoNativeArrays() {
        ModelConfig config = ModelConfig.defaults(variant());
        Autoencoder model = config.build(inputShape(), registry());
        Optimizer optimizer = config.optimizer().create(org.ae4j.kernel.KernelSelection.best());
        StepMemory memory = new StepMemory("conformance-" + variantName());
        INDArray x = batch(DataType.FLOAT, 6);
        RandomSource random = new RandomSource(3);
        Runnable step = () -> {
            try (var ignored = memory.open()) {
                model.trainingStep(x, org.ae4j.model.StepContext.of(random, random, 1));
                optimizer.step(model.parameters());
            }
        };
        try {
            for (int i = 0; i < 3; i++) {
                step.run();                              // the workspace learns its size in the first cycle
            }
            long reserved = memory.reservedBytes();
            long spilled = memory.spilledBytes();
            int steps = 5;
            NativeAllocations.Counts counts = NativeAllocations.during(() -> {
                for (int i = 0; i < steps; i++) {
                    step.run();
                }
            });
            assertThat(counts.arrays()).as(counts.toString()).isZero();
            assertThat(counts.scalars()).as(counts.toString()).isLessThanOrEqualTo(steps * scalarBuffersPerStep());
            assertThat(counts.inWorkspace()).as(counts.toString()).isPositive();
            assertThat(memory.reservedBytes()).isEqualTo(reserved);
            assertThat(memory.spilledBytes()).isEqualTo(spilled);
        } finally {
            memory.release();
        }
    }

    @Test
    void aSecondPluginClaimingTheNameIsRefused() {
        Variant original = variant();
        Ae4jPlugin impostor = new PluginModule("impostor") {
            @Override
            protected void configure() {
                Contributions.variants(binder()).addBinding(original.name()).toInstance(original);
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
