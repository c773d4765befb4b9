package org.ae4j.contractive;

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
 * The {@code contractive} variant (Rifai et al., 2011): a 784-256 sigmoid encoder, 256-784 sigmoid
 * decoder, MSE, and the contractive penalty λ = 1e-4 in its exact closed form.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ContractiveVariant implements Variant {

    public static final String NAME = "contractive";

    public static final DenseAutoencoderSpec DEFAULT_SPEC =
            new DenseAutoencoderSpec(List.of(256), "sigmoid", "sigmoid", "mse");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "contractive autoencoder: 784-256 sigmoid encoder, Jacobian penalty lambda 1e-4";
    }

    @Override
    public VariantSpec spec() {
        return DEFAULT_SPEC;
    }

    @Override
    public List<RegularizerSpec> regularizers() {
        return List.of(ContractiveSpec.defaults());
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
