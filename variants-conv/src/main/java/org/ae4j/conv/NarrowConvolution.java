package org.ae4j.conv;

import org.ae4j.spi.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The forward pass of a convolution with few input channels — the first layer of an image model — outside oneDNN,
 * which pads a single input channel to sixteen: the default model's first layer (1×28×28 → 16×14×14) took 1.28 ms per
 * 256 images in its {@code conv2d}, 28k multiply-adds per image at ~11 GFLOP/s (JMH {@code ConvBenchmark}, one thread).
 * A kernel with two implementations, one chosen once through {@link org.ae4j.spi.Kernels#select}: {@link #NONE} (the
 * layer keeps the op) or {@link VectorNarrowConvolution} on the Vector API.
 */
interface NarrowConvolution {

    /** The implementation that takes nothing: the layer runs ND4J's {@code conv2d}. */
    NarrowConvolution NONE = (x, w, b, f, k, s, p, d, out) -> false;

    /**
     * Writes {@code out[n, o, y, x] = f(z + b[o])} with {@code z = Σ} over taps {@code (ky, kx)} and channels {@code c} of
     * {@code w[ky, kx, c, o]·x[n, c, s·y + d·ky − p, s·x + d·kx − p]} (0 outside the image) — a convolution of stride
     * {@code s}, padding {@code p} and dilation {@code d}, its bias and activation applied to each image's output while
     * it is in cache (as {@code channelBiasActivation} would after it); with {@code f} null, {@code z} alone (bias and
     * activation left to the caller) — and returns true; or returns false, {@code out} untouched, for arrays it does not
     * take.
     */
    boolean forward(INDArray x, INDArray w, INDArray b, Kernels.Pointwise f, int k, int s, int p, int d, INDArray out);
}
