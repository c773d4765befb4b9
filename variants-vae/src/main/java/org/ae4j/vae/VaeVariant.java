package org.ae4j.vae;

import org.ae4j.optim.AdamSpec;
import org.ae4j.spi.OptimizerSpec;
import org.ae4j.spi.Variant;
import org.ae4j.spi.VariantSpec;
import org.ae4j.train.TrainingConfig;
import org.apiguardian.api.API;

/**
 * The {@code vae} variant: 784-400 ReLU encoder, 20-d Gaussian latent, 400-784 decoder, Bernoulli
 * likelihood, Adam 1e-3, batch 256. Its training loss is the negative ELBO in nats per example.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class VaeVariant implements Variant {

    public static final String NAME = "vae";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "variational autoencoder: 784-400 ReLU, 20-d Gaussian latent, 400-784, Bernoulli likelihood";
    }

    @Override
    public VariantSpec spec() {
        return VaeSpec.defaults();
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
