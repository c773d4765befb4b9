package org.ae4j.vae;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Bernoulli negative log-likelihood of targets {@code x} under logits {@code s}, summed over every
 * value (or over each example's), in the stable form {@code max(s, 0) − s·x + log(1 + e^{−|s|})}, and its gradient
 * {@code scale·(σ(s) − x)}. A kernel with two implementations, one chosen once through
 * {@link org.ae4j.spi.Kernels#select}: ND4J ops, or one fused pass on the Vector API.
 */
interface BernoulliLogits {

    /** Writes the scaled gradient into {@code gradient} and returns the summed negative log-likelihood. */
    double evaluate(INDArray logits, INDArray target, INDArray gradient, double scale);

    /** The negative log-likelihood of each example (row of {@code [batch, …]}), summed over its values: {@code [batch]}. */
    INDArray perExample(INDArray logits, INDArray target);
}
