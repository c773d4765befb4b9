package org.ae4j.vanilla;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ae4j.loss.BinaryCrossEntropy;
import org.ae4j.nn.DenseSpec;
import org.ae4j.model.Autoencoder;
import org.ae4j.nn.Identity;
import org.ae4j.nn.IdentityBottleneck;
import org.ae4j.nn.Sequential;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.VariantSpec;
import org.apiguardian.api.API;

/**
 * The architecture of the deep dense autoencoder: an encoder of dense layers of
 * {@code encoderSizes} (the last is the code size), the identity bottleneck, and the mirrored decoder
 * back to the input size.
 *
 * <p>Default: 784-128-64-32 with ReLU, decoder 32-64-128-784 with a sigmoid output, MSE.
 *
 * @param encoderSizes     hidden sizes of the encoder, outermost first; the last is the code size
 * @param activation       activation of every hidden layer (encoder and decoder)
 * @param outputActivation activation of the decoder's output layer
 * @param loss             reconstruction loss name; {@code "bce"} takes logits and so needs an
 *                         {@code "identity"} output activation
 */
@API(status = API.Status.STABLE, since = "0.1")
public record VanillaSpec(List<Integer> encoderSizes, String activation, String outputActivation, String loss)
        implements VariantSpec {

    public VanillaSpec {
        encoderSizes = List.copyOf(encoderSizes);
        if (encoderSizes.isEmpty()) {
            throw new IllegalArgumentException("vanilla needs at least one encoder size (the code size)");
        }
        for (int size : encoderSizes) {
            if (size < 1) {
                throw new IllegalArgumentException("vanilla encoder sizes must be >= 1, got " + encoderSizes);
            }
        }
        requireName("activation", activation);
        requireName("outputActivation", outputActivation);
        requireName("loss", loss);
        if (loss.equals(BinaryCrossEntropy.NAME) && !outputActivation.equals(Identity.NAME)) {
            throw new IllegalArgumentException("loss 'bce' takes logits, so outputActivation must be 'identity', got '"
                    + outputActivation + "'");
        }
    }

    private static void requireName(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("vanilla " + field + " must be named");
        }
    }

    /** 784-128-64-32 ReLU, sigmoid output, MSE. */
    public static VanillaSpec defaults() {
        return new VanillaSpec(List.of(128, 64, 32), "relu", "sigmoid", "mse");
    }

    @JsonIgnore
    public int codeSize() {
        return encoderSizes.get(encoderSizes.size() - 1);
    }

    public VanillaSpec withEncoderSizes(List<Integer> sizes) {
        return new VanillaSpec(sizes, activation, outputActivation, loss);
    }

    @Override
    public Autoencoder build(long[] inputShape, BuildContext context) {
        if (inputShape.length != 1 || inputShape[0] < 1 || inputShape[0] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("vanilla takes flat examples [features], got " + Arrays.toString(inputShape));
        }
        Sequential encoder = Sequential.build("encoder", inputShape, encoderLayers(), context);
        Sequential decoder = Sequential.build("decoder", encoder.outputShape(), decoderLayers((int) inputShape[0]), context);
        return new Autoencoder(encoder, new IdentityBottleneck(codeSize()), decoder, context.registry().loss(loss), List.of());
    }

    /** Encoder layers: dense layers of {@link #encoderSizes()}. */
    List<DenseSpec> encoderLayers() {
        return encoderSizes.stream().map(size -> new DenseSpec(size, activation)).toList();
    }

    /** Decoder layers: the encoder's hidden sizes in reverse, then the input size with the output activation. */
    List<DenseSpec> decoderLayers(int inputSize) {
        List<DenseSpec> layers = new ArrayList<>();
        for (int i = encoderSizes.size() - 2; i >= 0; i--) {
            layers.add(new DenseSpec(encoderSizes.get(i), activation));
        }
        layers.add(new DenseSpec(inputSize, outputActivation));
        return layers;
    }
}
