package com.example.myplugin;

import java.util.List;
import java.util.Optional;
import org.ae4j.optim.AdamSpec;
import org.ae4j.registry.Contributions;
import org.ae4j.registry.PluginModule;
import org.ae4j.train.TrainingConfig;
import org.ae4j.variant.BaseVariant;
import org.ae4j.variant.DenseAutoencoderSpec;

/**
 * A plug-in: listed in {@code META-INF/services/org.ae4j.spi.Ae4jPlugin}, it contributes named components.
 * This one contributes a variant, {@code my-variant}: a 784-64-16 tanh autoencoder. Replace it with yours —
 * a penalty ({@code Contributions.regularizer}), a layer ({@code Contributions.specType}), a kind of code
 * ({@code Contributions.bottleneck}); see ae4j's docs/architecture.md.
 */
public final class MyPlugin extends PluginModule {

    public static final String VARIANT = "my-variant";

    public MyPlugin() {
        super("my-ae4j-plugin");
    }

    @Override
    protected void configure() {
        Contributions.variant(binder(), new BaseVariant(VARIANT, "a 784-64-16 tanh autoencoder",
                new DenseAutoencoderSpec(List.of(64, 16), "tanh", "sigmoid", "mse"), List.of(), Optional.empty(),
                AdamSpec.defaults(), TrainingConfig.defaults()));
    }
}
