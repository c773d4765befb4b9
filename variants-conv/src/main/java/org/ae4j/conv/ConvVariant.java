package org.ae4j.conv;

import java.util.List;
import java.util.Optional;
import org.ae4j.optim.AdamSpec;
import org.ae4j.train.TrainingConfig;
import org.ae4j.variant.BaseVariant;
import org.apiguardian.api.API;

/**
 * The {@code conv} variant: Conv(1→16, 3×3, stride 2, pad 1)–ReLU–Conv(16→32, 3×3, stride 2, pad 1)–ReLU,
 * mirrored transposed convolutions back to 1×28×28 with a sigmoid output, MSE, Adam 1e-3, batch 256.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ConvVariant extends BaseVariant {

    public static final String NAME = "conv";

    public ConvVariant() {
        super(NAME, "convolutional autoencoder: 1x28x28 -> conv 16 -> conv 32 (3x3, stride 2), mirrored transposed convolutions",
                ConvAutoencoderSpec.defaults(), List.of(), Optional.empty(), AdamSpec.defaults(),
                TrainingConfig.defaults().withBatchSize(256));
    }
}
