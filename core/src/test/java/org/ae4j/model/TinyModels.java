package org.ae4j.model;

import java.util.List;
import org.ae4j.nn.DenseSpec;
import org.ae4j.nn.IdentityBottleneck;
import org.ae4j.nn.Sequential;
import org.ae4j.registry.CorePlugin;
import org.ae4j.registry.Registry;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.RandomSource;
import org.ae4j.spi.Regularizer;
import org.nd4j.linalg.api.buffer.DataType;

/** Small dense autoencoders for tests of core (the vanilla variant lives in its own module). */
public final class TinyModels {

    public static final Registry REGISTRY = Registry.of(List.of(new CorePlugin()));

    private TinyModels() {
    }

    /** in → hidden → code → hidden → in, tanh hidden layers, the given output activation and loss. */
    public static Autoencoder dense(int in, int hidden, int code, String output, String loss, DataType type, long seed,
                                    List<Regularizer> regularizers) {
        BuildContext context = new BuildContext(REGISTRY, type, new RandomSource(seed));
        Sequential encoder = Sequential.build("encoder", new long[] {in},
                List.of(new DenseSpec(hidden, "tanh"), new DenseSpec(code, "tanh")), context);
        Sequential decoder = Sequential.build("decoder", new long[] {code},
                List.of(new DenseSpec(hidden, "tanh"), new DenseSpec(in, output)), context);
        return new Autoencoder(org.ae4j.kernel.KernelSelection.best(), encoder, new IdentityBottleneck(code), decoder, REGISTRY.loss(loss), regularizers, java.util.Optional.empty());
    }
}
