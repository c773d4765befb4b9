package org.ae4j.variant;

import org.ae4j.model.Autoencoder;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.CorruptionSpec;
import org.ae4j.spi.OptimizerSpec;
import org.ae4j.spi.RegularizerSpec;
import org.ae4j.train.TrainingConfig;
import org.apiguardian.api.API;

/**
 * A named autoencoder recipe ("vanilla", "sparse", "vae", …): its default architecture
 * ({@link #spec()}) and the optimizer and training settings it is meant to be trained with.
 * Plug-ins contribute variants with {@link org.ae4j.registry.Contributions#variants}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Variant {

    /** The registered name. */
    String name();

    /** One line for listings. */
    String description();

    /** The default architecture; its class is what a config's {@code "model"} object is read into. */
    VariantSpec spec();

    /** The optimizer this recipe trains with by default. */
    OptimizerSpec optimizer();

    /** The training settings (batch size, epochs, …) this recipe uses by default. */
    TrainingConfig training();

    /** Penalties this recipe adds by default (e.g. the sparse variant's KL sparsity). */
    default java.util.List<RegularizerSpec> regularizers() {
        return java.util.List.of();
    }

    /** The training-time input corruption this recipe applies by default, if any. */
    default java.util.Optional<CorruptionSpec> corruption() {
        return java.util.Optional.empty();
    }

    /** A new model of the default architecture for flat examples of {@code inputSize} values. */
    default Autoencoder build(long inputSize, BuildContext context) {
        Autoencoder model = spec().build(new long[] {inputSize}, context)
                .withAdditionalRegularizers(regularizers().stream().map(r -> r.create(context.kernels())).toList());
        return corruption().map(c -> model.withCorruption(c.create(context.kernels()))).orElse(model);
    }
}
