package org.ae4j.contractive;

import java.util.List;
import java.util.Optional;
import org.ae4j.optim.AdamSpec;
import org.ae4j.train.TrainingConfig;
import org.ae4j.variant.BaseVariant;
import org.ae4j.variant.DenseAutoencoderSpec;
import org.apiguardian.api.API;

/**
 * The {@code contractive} variant (Rifai et al., 2011): a 784-256 sigmoid encoder, 256-784 sigmoid
 * decoder, MSE, and the contractive penalty λ = 1e-4 in its exact closed form.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ContractiveVariant extends BaseVariant {

    public static final String NAME = "contractive";

    public static final DenseAutoencoderSpec DEFAULT_SPEC =
            new DenseAutoencoderSpec(List.of(256), "sigmoid", "sigmoid", "mse");

    public ContractiveVariant() {
        super(NAME, "contractive autoencoder: 784-256 sigmoid encoder, Jacobian penalty lambda 1e-4", DEFAULT_SPEC,
                List.of(ContractiveSpec.defaults()), Optional.empty(), AdamSpec.defaults(), TrainingConfig.defaults().withBatchSize(256));
    }
}
