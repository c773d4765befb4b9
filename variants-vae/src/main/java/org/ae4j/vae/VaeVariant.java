package org.ae4j.vae;

import java.util.List;
import java.util.Optional;
import org.ae4j.optim.AdamSpec;
import org.ae4j.train.TrainingConfig;
import org.ae4j.variant.BaseVariant;
import org.apiguardian.api.API;

/**
 * The {@code vae} variant: 784-400 ReLU encoder, 20-d Gaussian latent, 400-784 decoder, Bernoulli
 * likelihood, Adam 1e-3, batch 256. Its training loss is the negative ELBO in nats per example.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class VaeVariant extends BaseVariant {

    public static final String NAME = "vae";

    public VaeVariant() {
        super(NAME, "variational autoencoder: 784-400 ReLU, 20-d Gaussian latent, 400-784, Bernoulli likelihood", VaeSpec.defaults(),
                List.of(), Optional.empty(), AdamSpec.defaults(), TrainingConfig.defaults().withBatchSize(256));
    }
}
