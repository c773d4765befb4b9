package org.ae4j.denoising;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
import org.ae4j.train.Trainer;
import org.ae4j.train.TrainingConfig;
import org.ae4j.variant.DenseAutoencoderSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
class DenoisingVariantTest {

    static final Registry REGISTRY = Ae4j.registry();

    @Test
    void isDiscoveredWithItsCorruptions() {
        assertThat(REGISTRY.variantNames()).contains("denoising");
        assertThat(REGISTRY.corruptionNames()).containsExactly("cell-masking", "gaussian", "grayscale", "masking", "occlusion",
                "salt-and-pepper");
        Autoencoder model = REGISTRY.variant("denoising").build(784, BuildContext.of(REGISTRY, 1));
        assertThat(model.corruption().map(org.ae4j.spi.Corruption::name)).contains(GaussianNoise.TYPE);
    }

    @Test
    void anyCorruptionCombinesWithAnyVariantByConfiguration() {
        ConfigCodec codec = new ConfigCodec(REGISTRY);
        ModelConfig sparseMasked = codec.read("{\"variant\": \"denoising\", \"corruption\": {\"type\": \"masking\", \"fraction\": 0.5}}", "t");
        assertThat(sparseMasked.corruption()).contains(new MaskingNoise(0.5));
        ModelConfig none = codec.read("{\"variant\": \"denoising\", \"corruption\": null}", "t");
        assertThat(none.corruption()).isEmpty();
        assertThat(codec.read(codec.toJson(sparseMasked), "round trip")).isEqualTo(sparseMasked);
    }

    @Test
    void gradientOfTheCorruptionFreePathMatchesFiniteDifferences() {
        Autoencoder model = new DenseAutoencoderSpec(List.of(6, 3), "tanh", "sigmoid", "mse")
                .build(new long[] {8}, new BuildContext(REGISTRY, DataType.DOUBLE, new RandomSource(3)))
                .withCorruption(GaussianNoise.defaults().create(org.ae4j.kernel.KernelSelection.best()));
        INDArray clean = org.ae4j.testkit.Fixtures.uniform(117, 0, 1, DataType.DOUBLE, 5, 8);
        INDArray noisy = GaussianNoise.defaults().create(org.ae4j.kernel.KernelSelection.best()).corrupt(clean, new RandomSource(9));
        GradientCheck.Report report = GradientCheck.autoencoder(model, noisy, clean, 0, GradientCheck.Options.defaults());
        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    @Test
    void corruptionIsAppliedInTrainingOnlyNeverInEvaluation() {
        Autoencoder clean = new DenseAutoencoderSpec(List.of(6, 3), "tanh", "sigmoid", "mse")
                .build(new long[] {8}, BuildContext.of(REGISTRY, 3));
        Autoencoder corrupted = clean.withCorruption(new GaussianNoise(1.0, false).create(org.ae4j.kernel.KernelSelection.best()));
        INDArray x = org.ae4j.testkit.Fixtures.uniform(118, 0, 1, DataType.FLOAT, 5, 8);
        assertThat(corrupted.reconstruct(x)).isEqualTo(clean.reconstruct(x));
        assertThat(corrupted.trainingStep(x, org.ae4j.model.StepContext.of(new RandomSource(1), new RandomSource(2), 1)).reconstruction())
                .isNotEqualTo(clean.trainingStep(x, org.ae4j.model.StepContext.of(new RandomSource(1), new RandomSource(2), 1)).reconstruction());
    }

    @Test
    void denoisesNoisyFashionMnistBetterThanTheNoisyInputAndThanVanilla() {
        FashionMnist.Splits sample = FashionMnist.sample();
        MinMaxNormalizer normalizer = MinMaxNormalizer.fitGlobal(sample.train());
        Dataset train = normalizer.transform(sample.train());
        Dataset test = normalizer.transform(sample.test());
        TrainingConfig training = TrainingConfig.defaults().withEpochs(8).withBatchSize(64).withSeed(1);
        ModelConfig denoisingConfig = ModelConfig.defaults(REGISTRY.variant("denoising")).withTraining(training);
        Autoencoder denoising = denoisingConfig.build(new long[] {784}, REGISTRY);
        new Trainer(training).fit(denoising, denoisingConfig.optimizer().create(org.ae4j.kernel.KernelSelection.best()), train);
        Autoencoder vanilla = ((DenseAutoencoderSpec) denoisingConfig.model()).build(new long[] {784}, BuildContext.of(REGISTRY, 1));
        new Trainer(training).fit(vanilla, denoisingConfig.optimizer().create(org.ae4j.kernel.KernelSelection.best()), train);

        INDArray clean = test.features();
        INDArray noisy = new GaussianNoise(0.3, false).create(org.ae4j.kernel.KernelSelection.best()).corrupt(clean, new RandomSource(77));
        double noisyError = mse(noisy, clean);
        double denoisedError = mse(denoising.reconstruct(noisy), clean);
        double vanillaError = mse(vanilla.reconstruct(noisy), clean);
        assertThat(denoisedError).as("denoising output vs noisy input (%.4f)", noisyError).isLessThan(noisyError);
        assertThat(denoisedError).as("denoising vs vanilla output (%.4f)", vanillaError).isLessThan(vanillaError);
    }

    private static double mse(INDArray a, INDArray b) {
        double norm = a.sub(b).norm2Number().doubleValue();
        return norm * norm / a.length();
    }
}
