package org.ae4j.vae;

import java.util.Arrays;
import java.util.List;
import org.ae4j.model.Autoencoder;
import org.ae4j.nn.DenseSpec;
import org.ae4j.nn.FanInit;
import org.ae4j.nn.Sequential;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.LayerSpec;
import org.ae4j.variant.VariantSpec;
import org.apiguardian.api.API;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The architecture of a variational autoencoder: an encoder of any layers, the Gaussian bottleneck
 * with {@code latentSize} dimensions, a decoder of any layers whose output fits the likelihood, and
 * the likelihood itself.
 *
 * @param encoder      the encoder's layers, e.g. {@code [{"type": "dense", "units": 400, "activation": "relu"}]}
 * @param latentSize   the latent dimension L ≥ 1
 * @param decoder      the decoder's layers; the last must output what the likelihood expects (for
 *                     Bernoulli: logits, one per input value, identity activation)
 * @param likelihood   the decoder likelihood
 * @param beta         the KL weight β ≥ 0 (1: the ELBO; β-VAE otherwise)
 * @param warmupEpochs epochs over which β rises linearly from β/warmup to β (0: no warm-up)
 * @param logVarMin    lower clip of log σ²
 * @param logVarMax    upper clip of log σ²
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record VaeSpec(List<LayerSpec> encoder, int latentSize, List<LayerSpec> decoder, LikelihoodSpec likelihood,
                      double beta, int warmupEpochs, double logVarMin, double logVarMax) implements VariantSpec {

    public VaeSpec {
        encoder = List.copyOf(encoder);
        decoder = List.copyOf(decoder);
        if (encoder.isEmpty() || decoder.isEmpty()) {
            throw new IllegalArgumentException("vae needs at least one encoder layer and one decoder layer");
        }
        if (latentSize < 1) {
            throw new IllegalArgumentException("vae latentSize must be >= 1, got " + latentSize);
        }
        java.util.Objects.requireNonNull(likelihood, "likelihood");
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("vae beta must be a finite number >= 0, got " + beta);
        }
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException("vae warmupEpochs must be >= 0, got " + warmupEpochs);
        }
        if (!(logVarMin < logVarMax) || !Double.isFinite(logVarMin) || !Double.isFinite(logVarMax)) {
            throw new IllegalArgumentException("vae needs finite logVarMin < logVarMax, got " + logVarMin + " and " + logVarMax);
        }
    }

    /** 784-400 ReLU encoder, 20-d latent, 400-784 decoder with logits, Bernoulli, β = 1. */
    public static VaeSpec defaults() {
        return new VaeSpec(List.of(new DenseSpec(400, "relu")), 20,
                List.of(new DenseSpec(400, "relu"), new DenseSpec(784, "identity")), new BernoulliSpec(), 1.0, 0, -10, 10);
    }

    @Override
    public Autoencoder build(long[] inputShape, BuildContext context) {
        Sequential encoderStack = Sequential.build("encoder", inputShape, encoder, context);
        long[] features = encoderStack.outputShape();
        if (features.length != 1) {
            throw new IllegalArgumentException("the vae encoder must end in flat features for the Gaussian bottleneck, got "
                    + Arrays.toString(features) + "; end it with a flatten or dense layer");
        }
        var weights = FanInit.XAVIER_UNIFORM.initialize(new long[] {features[0], 2L * latentSize}, features[0], 2L * latentSize,
                context.dataType(), context.random().split("bottleneck.W"));
        GaussianBottleneck bottleneck = new GaussianBottleneck(weights, Nd4j.zeros(context.dataType(), 1, 2L * latentSize),
                beta, warmupEpochs, logVarMin, logVarMax, context.kernels());
        Sequential decoderStack = Sequential.build("decoder", new long[] {latentSize}, decoder, context);
        return new Autoencoder(context.kernels(), encoderStack, bottleneck, decoderStack, likelihood.create(context.kernels()));
    }
}
