package org.ae4j.denoising;

import java.util.List;
import java.util.Optional;
import org.ae4j.optim.AdamSpec;
import org.ae4j.train.TrainingConfig;
import org.ae4j.variant.BaseVariant;
import org.ae4j.variant.DenseAutoencoderSpec;
import org.apiguardian.api.API;

/**
 * The {@code denoising} variant (Vincent et al., 2008; 2010): the vanilla architecture (784-128-64-32
 * ReLU, mirrored decoder, sigmoid output, MSE) trained to reconstruct clean inputs from corrupted ones,
 * by default with additive Gaussian noise σ = 0.3. Any corruption can be configured instead.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DenoisingVariant extends BaseVariant {

    public static final String NAME = "denoising";

    public static final DenseAutoencoderSpec DEFAULT_SPEC =
            new DenseAutoencoderSpec(List.of(128, 64, 32), "relu", "sigmoid", "mse");

    public DenoisingVariant() {
        super(NAME, "denoising autoencoder: the vanilla architecture trained on Gaussian-corrupted inputs (sigma 0.3)", DEFAULT_SPEC,
                List.of(), Optional.of(GaussianNoise.defaults()), AdamSpec.defaults(), TrainingConfig.defaults().withBatchSize(256));
    }
}
