package org.ae4j.conv;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameter gradients of a convolution with few input channels — the first layer of a network, whose input
 * gradient nobody reads — outside oneDNN, whose {@code conv2d_bp} computes the input gradient as well and pads a single
 * input channel to sixteen: 3.8–5.3 ms per 256 images for the default model's first layer (1×28×28 → 16×14×14; JMH
 * {@code ConvBenchmark}). A kernel with two implementations, one chosen once through
 * {@link org.ae4j.spi.Kernels#select}: {@link #NONE} (the layer keeps the op) or {@link VectorFirstLayerGradients} on the
 * Vector API.
 */
interface FirstLayerGradients {

    /** The implementation that takes nothing: the layer runs ND4J's {@code conv2d_bp}. */
    FirstLayerGradients NONE = (x, g, k, s, p, d, weightGradient, biasGradient) -> false;

    /**
     * Adds {@code Σ_{n,y,x} g[n, f, y, x]·x[n, c, s·y + d·ky − p, s·x + d·kx − p]} (0 outside the image) to
     * {@code weightGradient[ky, kx, c, f]} and {@code Σ_{n,y,x} g[n, f, y, x]} to {@code biasGradient[f]} — the
     * gradients of a convolution of stride {@code s}, padding {@code p}, dilation {@code d} whose output has the
     * gradient {@code g} — and returns true; or returns false, untouched, for arrays it does not take.
     */
    boolean add(INDArray x, INDArray g, int k, int s, int p, int d, INDArray weightGradient, INDArray biasGradient);
}
