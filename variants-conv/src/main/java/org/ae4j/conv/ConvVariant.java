package org.ae4j.conv;

import org.ae4j.optim.AdamSpec;
import org.ae4j.spi.OptimizerSpec;
import org.ae4j.spi.Variant;
import org.ae4j.spi.VariantSpec;
import org.ae4j.train.TrainingConfig;
import org.apiguardian.api.API;

/**
 * The {@code conv} variant: Conv(1→16, 3×3, stride 2, pad 1)–ReLU–Conv(16→32, 3×3, stride 2, pad 1)–ReLU,
 * mirrored transposed convolutions back to 1×28×28 with a sigmoid output, MSE, Adam 1e-3, batch 256.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ConvVariant implements Variant {

    public static final String NAME = "conv";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "convolutional autoencoder: 1x28x28 -> conv 16 -> conv 32 (3x3, stride 2), mirrored transposed convolutions";
    }

    @Override
    public VariantSpec spec() {
        return ConvAutoencoderSpec.defaults();
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
