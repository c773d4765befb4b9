package org.ae4j.spi;

import java.util.List;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns encoder features {@code h} into the code {@code z}: the identity for plain autoencoders,
 * a Gaussian with the reparameterisation trick for the VAE. A bottleneck may add its own loss term
 * (the KL divergence), reported in {@link Code#lossTerm()}, whose gradient {@link #backward} includes.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Bottleneck {

    /** Per-example size of the features it accepts. */
    long featureSize();

    /** Per-example size of the code it produces. */
    long codeSize();

    /** Trainable parameters (none for the identity). */
    List<Parameter> parameters();

    /**
     * The training-time forward pass; stochastic bottlenecks draw from {@code random}.
     *
     * @param features {@code [batch, featureSize]}
     * @param epoch    the 1-based epoch of the training run, for schedules such as a KL warm-up; 0 outside
     *                 a training run (every schedule then at its final value)
     */
    Code forward(INDArray features, RandomSource random, int epoch);

    /**
     * Accumulates parameter gradients and returns {@code ∂L/∂features}, including the gradient of
     * the bottleneck's own loss term.
     *
     * @param codeGradient {@code ∂L/∂z}; may be overwritten
     */
    INDArray backward(Code code, INDArray codeGradient);

    /** The deterministic code used at inference time (the posterior mean for a VAE). */
    INDArray encode(INDArray features);
}
