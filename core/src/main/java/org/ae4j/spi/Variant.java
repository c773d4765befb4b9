package org.ae4j.spi;

import org.ae4j.model.Autoencoder;
import org.ae4j.train.TrainingConfig;
import org.apiguardian.api.API;

/**
 * A named autoencoder recipe ("vanilla", "sparse", "vae", …): the architecture it builds and the
 * optimizer and training settings it is meant to be trained with. Plug-ins contribute variants with
 * {@link org.ae4j.registry.Contributions#variants}.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Variant {

    /** The registered name. */
    String name();

    /** One line for listings. */
    String description();

    /**
     * A new, randomly initialised model for inputs of {@code inputSize} features.
     *
     * @throws IllegalArgumentException if the recipe cannot take inputs of that size
     */
    Autoencoder build(long inputSize, BuildContext context);

    /** The optimizer this recipe trains with by default. */
    OptimizerSpec optimizer();

    /** The training settings (batch size, epochs, …) this recipe uses by default. */
    TrainingConfig training();
}
