package org.ae4j.sparse;

import java.util.List;
import java.util.Optional;
import org.ae4j.optim.AdamSpec;
import org.ae4j.train.TrainingConfig;
import org.ae4j.variant.BaseVariant;
import org.ae4j.variant.DenseAutoencoderSpec;
import org.apiguardian.api.API;

/**
 * The {@code sparse} variant: a dense autoencoder 784-128-64 with ReLU hidden layers and a sigmoid
 * code layer, mirrored decoder with sigmoid output, MSE, and the KL sparsity penalty on the code
 * (ρ = 0.05), so that each code unit is active for few inputs.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SparseVariant extends BaseVariant {

    public static final String NAME = "sparse";

    public static final DenseAutoencoderSpec DEFAULT_SPEC =
            new DenseAutoencoderSpec(List.of(128, 64), "relu", "sigmoid", "sigmoid", "mse");

    public SparseVariant() {
        super(NAME, "sparse autoencoder: 784-128-64, sigmoid code with KL sparsity (rho 0.05)", DEFAULT_SPEC,
                List.of(KlSparsitySpec.defaults()), Optional.empty(), AdamSpec.defaults(), TrainingConfig.defaults().withBatchSize(256));
    }
}
