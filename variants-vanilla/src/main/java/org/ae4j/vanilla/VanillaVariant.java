package org.ae4j.vanilla;

import java.util.List;
import java.util.Optional;
import org.ae4j.optim.AdamSpec;
import org.ae4j.train.TrainingConfig;
import org.ae4j.variant.BaseVariant;
import org.ae4j.variant.DenseAutoencoderSpec;
import org.apiguardian.api.API;

/**
 * The {@code vanilla} variant: a deep dense autoencoder (Hinton &amp; Salakhutdinov, 2006, trained
 * end to end rather than layer-wise), by default 784-128-64-32 ReLU with a mirrored decoder, sigmoid
 * output and MSE, trained with Adam (lr 1e-3) on batches of 256.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class VanillaVariant extends BaseVariant {

    public static final String NAME = "vanilla";

    /** 784-128-64-32 ReLU, sigmoid output, MSE. */
    public static final DenseAutoencoderSpec DEFAULT_SPEC =
            new DenseAutoencoderSpec(List.of(128, 64, 32), "relu", "sigmoid", "mse");

    private final DenseAutoencoderSpec spec;

    public VanillaVariant(DenseAutoencoderSpec spec) {
        super(NAME, "deep dense autoencoder, " + spec.encoderSizes() + " " + spec.activation() + ", mirrored decoder, "
                + spec.loss(), spec, List.of(), Optional.empty(), AdamSpec.defaults(), TrainingConfig.defaults().withBatchSize(256));
        this.spec = spec;
    }

    public VanillaVariant() {
        this(DEFAULT_SPEC);
    }

    @Override
    public DenseAutoencoderSpec spec() {
        return spec;
    }
}
