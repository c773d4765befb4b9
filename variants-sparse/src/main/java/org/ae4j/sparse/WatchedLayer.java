package org.ae4j.sparse;

import java.util.function.Consumer;
import org.ae4j.nn.Dense;
import org.ae4j.nn.IdentityBottleneck;
import org.ae4j.nn.Sequential;
import org.ae4j.spi.Bottleneck;
import org.ae4j.spi.Encoder;
import org.ae4j.spi.ForwardPass;
import org.ae4j.spi.GradientSink;
import org.ae4j.spi.Trace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The activations a sparsity penalty watches: the code {@code z} ({@link #CODE}) or the output of
 * encoder layer {@code k}, and where their gradient goes.
 */
final class WatchedLayer {

    /** The layer index that means "the code". */
    static final int CODE = -1;

    private WatchedLayer() {
    }

    static String describe(int layer) {
        return layer == CODE ? "the code" : "encoder layer " + layer;
    }

    /** The watched activations of this pass, {@code [batch, units]}. */
    static INDArray activations(ForwardPass pass, int layer) {
        if (layer == CODE) {
            return pass.code().z();
        }
        Trace encoded = pass.encoded();
        if (layer >= encoded.steps().size()) {
            throw new IllegalArgumentException("the encoder has " + encoded.steps().size() + " layers; there is no layer " + layer);
        }
        return encoded.steps().get(layer).output();
    }

    /** Adds {@code gradient} (with respect to the watched activations) to the backward pass. */
    static Consumer<INDArray> gradientTarget(GradientSink sink, int layer) {
        return layer == CODE ? sink::addToCode : g -> sink.addToEncoderStep(layer, g);
    }

    /**
     * The name of the watched layer's activation, when it can be known: the encoder must be a chain of
     * layers, the watched layer dense, and — for the code — the bottleneck the identity.
     *
     * @throws IllegalArgumentException naming what prevents knowing it
     */
    static String activationName(Encoder encoder, Bottleneck bottleneck, int layer, String penalty) {
        if (!(encoder instanceof Sequential chain)) {
            throw new IllegalArgumentException(penalty + " watches " + describe(layer) + ", which needs an encoder that is a "
                    + "chain of layers, got " + encoder.getClass().getSimpleName());
        }
        int index = layer == CODE ? chain.layers().size() - 1 : layer;
        if (layer == CODE && !(bottleneck instanceof IdentityBottleneck)) {
            throw new IllegalArgumentException(penalty + " watches the code, but the " + bottleneck.getClass().getSimpleName()
                    + " bottleneck's code is not an activation; watch an encoder layer instead (\"layer\": k)");
        }
        if (index < 0 || index >= chain.layers().size()) {
            throw new IllegalArgumentException(penalty + ": the encoder has layers 0 to " + (chain.layers().size() - 1)
                    + ", not " + layer + " (-1 means the code)");
        }
        if (!(chain.layers().get(index) instanceof Dense dense)) {
            throw new IllegalArgumentException(penalty + " watches layer '" + chain.layers().get(index).name()
                    + "', which is not a dense layer with a known activation");
        }
        return dense.activation().name();
    }
}
