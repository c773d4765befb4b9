package org.ae4j.cli;

import com.google.inject.AbstractModule;
import java.util.List;
import org.ae4j.registry.Contributions;
import org.ae4j.spi.Ae4jPlugin;
import org.ae4j.nn.DenseAutoencoderSpec;
import org.ae4j.vanilla.VanillaVariant;

/** A third-party plug-in, found only when its services file is on the plug-in path. */
public final class ExtraPlugin extends AbstractModule implements Ae4jPlugin {

    /** A renamed small vanilla variant. */
    static final class Extra extends Object implements org.ae4j.spi.Variant {
        private final VanillaVariant inner = new VanillaVariant(new DenseAutoencoderSpec(List.of(16), "tanh", "sigmoid", "mse"));

        @Override
        public String name() {
            return "extra";
        }

        @Override
        public String description() {
            return "a plug-in's variant";
        }

        @Override
        public org.ae4j.spi.VariantSpec spec() {
            return inner.spec();
        }

        @Override
        public org.ae4j.spi.OptimizerSpec optimizer() {
            return inner.optimizer();
        }

        @Override
        public org.ae4j.train.TrainingConfig training() {
            return inner.training();
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
