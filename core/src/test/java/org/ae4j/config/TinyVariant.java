package org.ae4j.config;

import com.google.inject.AbstractModule;
import java.util.List;
import org.ae4j.model.Autoencoder;
import org.ae4j.nn.DenseSpec;
import org.ae4j.nn.IdentityBottleneck;
import org.ae4j.nn.Sequential;
import org.ae4j.optim.AdamSpec;
import org.ae4j.registry.Contributions;
import org.ae4j.registry.CorePlugin;
import org.ae4j.registry.Registry;
import org.ae4j.spi.Ae4jPlugin;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.OptimizerSpec;
import org.ae4j.train.TrainingConfig;
import org.ae4j.variant.Variant;
import org.ae4j.variant.VariantSpec;

/** A small variant for core's tests: in → hidden → code → hidden → in. */
public final class TinyVariant implements Variant {

    public record TinySpec(int hidden, int code, String activation, String loss) implements VariantSpec {
        @Override
        public Autoencoder build(long[] inputShape, BuildContext context) {
            Sequential encoder = Sequential.build("encoder", inputShape,
                    List.of(new DenseSpec(hidden, activation), new DenseSpec(code, activation)), context);
            Sequential decoder = Sequential.build("decoder", new long[] {code},
                    List.of(new DenseSpec(hidden, activation), new DenseSpec((int) inputShape[0], "sigmoid")), context);
            return new Autoencoder(org.ae4j.kernel.KernelSelection.best(), encoder, new IdentityBottleneck(code), decoder, context.components().loss(loss));
        }
    }

    public static final class Plugin extends AbstractModule implements Ae4jPlugin {
        @Override
        protected void configure() {
            Contributions.variants(binder()).addBinding("tiny").toInstance(new TinyVariant());
        }

        @Override
        public String pluginName() {
            return "tiny";
        }
    }

    public static final Registry REGISTRY = Registry.of(List.of(new CorePlugin(), new Plugin()));

    @Override
    public String name() {
        return "tiny";
    }

    @Override
    public String description() {
        return "tiny test autoencoder";
    }

    @Override
    public TinySpec spec() {
        return new TinySpec(8, 4, "tanh", "mse");
    }

    @Override
    public OptimizerSpec optimizer() {
        return new AdamSpec(0.01, 0.9, 0.999, 1e-8);
    }

    @Override
    public TrainingConfig training() {
        return TrainingConfig.defaults().withEpochs(3).withBatchSize(16);
    }
}
