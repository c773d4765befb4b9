package org.ae4j.denoising;

import java.util.List;
import java.util.Optional;
import org.ae4j.nn.DenseAutoencoderSpec;
import org.ae4j.optim.AdamSpec;
import org.ae4j.spi.CorruptionSpec;
import org.ae4j.spi.OptimizerSpec;
import org.ae4j.spi.Variant;
import org.ae4j.spi.VariantSpec;
import org.ae4j.train.TrainingConfig;
import org.apiguardian.api.API;

/**
 * The {@code denoising} variant (Vincent et al., 2008; 2010): the vanilla architecture (784-128-64-32
 * ReLU, mirrored decoder, sigmoid output, MSE) trained to reconstruct clean inputs from corrupted ones,
 * by default with additive Gaussian noise σ = 0.3. Any corruption can be configured instead.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class DenoisingVariant implements Variant {

    public static final String NAME = "denoising";

    public static final DenseAutoencoderSpec DEFAULT_SPEC =
            new DenseAutoencoderSpec(List.of(128, 64, 32), "relu", "sigmoid", "mse");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "denoising autoencoder: the vanilla architecture trained on Gaussian-corrupted inputs (sigma 0.3)";
    }

    @Override
    public VariantSpec spec() {
        return DEFAULT_SPEC;
    }

    @Override
    public Optional<CorruptionSpec> corruption() {
        return Optional.of(GaussianNoise.defaults());
    }

    @Override
    public OptimizerSpec optimizer() {
        return AdamSpec.defaults();
    }

    @Override
    public TrainingConfig training() {
        return TrainingConfig.defaults().withBatchSize(256);
    }
}
