package org.ae4j.cli;

import com.google.inject.AbstractModule;
import java.util.List;
import org.ae4j.registry.Contributions;
import org.ae4j.spi.Ae4jPlugin;
import org.ae4j.variant.DenseAutoencoderSpec;

/** A third-party plug-in, found only when its services file is on the plug-in path. */
public final class ExtraPlugin extends AbstractModule implements Ae4jPlugin {

    /** A renamed small dense autoencoder. */
    static final class Extra extends org.ae4j.variant.BaseVariant {
        Extra() {
            super("extra", "a plug-in's variant", new DenseAutoencoderSpec(List.of(16), "tanh", "sigmoid", "mse"), List.of(),
                    java.util.Optional.empty(), org.ae4j.optim.AdamSpec.defaults(), org.ae4j.train.TrainingConfig.defaults());
        }
    }

    @Override
    protected void configure() {
        Contributions.variants(binder()).addBinding("extra").toInstance(new Extra());
    }

    @Override
    public String pluginName() {
        return "extra-plugin";
    }
}
