package org.ae4j.sparse;

import java.util.List;
import org.ae4j.nn.DenseAutoencoderSpec;
import org.ae4j.optim.AdamSpec;
import org.ae4j.spi.OptimizerSpec;
import org.ae4j.spi.RegularizerSpec;
import org.ae4j.spi.Variant;
import org.ae4j.spi.VariantSpec;
import org.ae4j.train.TrainingConfig;
import org.apiguardian.api.API;

/**
 * The {@code sparse} variant: a dense autoencoder 784-128-64 with ReLU hidden layers and a sigmoid
 * code layer, mirrored decoder with sigmoid output, MSE, and the KL sparsity penalty on the code
 * (ρ = 0.05), so that each code unit is active for few inputs.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class SparseVariant implements Variant {

    public static final String NAME = "sparse";

    public static final DenseAutoencoderSpec DEFAULT_SPEC =
            new DenseAutoencoderSpec(List.of(128, 64), "relu", "sigmoid", "sigmoid", "mse");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "sparse autoencoder: 784-128-64, sigmoid code with KL sparsity (rho 0.05)";
    }

    @Override
    public VariantSpec spec() {
        return DEFAULT_SPEC;
    }

    @Override
    public List<RegularizerSpec> regularizers() {
        return List.of(KlSparsitySpec.defaults());
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
