package org.ae4j.examples.wae;

import java.util.List;
import java.util.Optional;
import org.ae4j.optim.AdamSpec;
import org.ae4j.registry.Contributions;
import org.ae4j.registry.PluginModule;
import org.ae4j.train.TrainingConfig;
import org.ae4j.variant.BaseVariant;
import org.ae4j.variant.DenseAutoencoderSpec;
import org.ae4j.variant.Variant;

/**
 * The Wasserstein autoencoder as a plug-in: the {@code wae-mmd} penalty and the {@code wae} variant, a
 * 784-128-64-8 ReLU encoder with a linear 8-d code (a deterministic encoder whose codes are matched to
 * {@code N(0, I)} by the penalty), the mirrored decoder with a sigmoid output, MSE, Adam 1e-3, batch 256.
 * Found through {@code META-INF/services/org.ae4j.spi.Ae4jPlugin}.
 */
public final class WaePlugin extends PluginModule {

    public static final String NAME = "wae";

    /** The recipe: MMD² on the code of a dense autoencoder. */
    public static final Variant VARIANT = new BaseVariant(NAME, "Wasserstein autoencoder (WAE-MMD): 784-128-64-8, "
            + "MMD to N(0, I) with the inverse multiquadratic kernel",
            new DenseAutoencoderSpec(List.of(128, 64, 8), "relu", "identity", "sigmoid", "mse"), List.of(MmdSpec.defaults()),
            Optional.empty(), AdamSpec.defaults(), TrainingConfig.defaults().withBatchSize(256));

    public WaePlugin() {
        super("ae4j-example-wae");
    }

    @Override
    protected void configure() {
        Contributions.variant(binder(), VARIANT);
        Contributions.regularizer(binder(), MmdSpec.defaults());
    }
}
