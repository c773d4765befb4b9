package org.ae4j.conv;

import org.ae4j.spi.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The forward pass of a transposed convolution with few output channels — the layer that makes the image — outside
 * oneDNN, which pads a single output channel to sixteen in its blocked layout: the default model's last layer
 * (16×14×14 → 1×28×28) took 3.1 ms per 256 images in its {@code deconv2d} (JMH {@code ConvBenchmark}). A kernel with
 * two implementations, one chosen once through {@link org.ae4j.spi.Kernels#select}: {@link #NONE} (the layer keeps
 * the op) or {@link VectorNarrowTransposed} on the Vector API.
 */
interface NarrowTransposed {

    /** The implementation that takes nothing: the layer runs ND4J's {@code deconv2d}. */
    NarrowTransposed NONE = new NarrowTransposed() {
        @Override
        public boolean takes(INDArray x, INDArray w, INDArray b) {
            return false;
        }

        @Override
        public void forward(INDArray x, INDArray w, INDArray b, Kernels.Pointwise f, int k, int s, int p, int d, INDArray out) {
            throw new IllegalStateException("NarrowTransposed.NONE takes no arrays: the layer runs deconv2d");
        }
    };

    /** Whether {@link #forward} computes for these input, weight and bias arrays ({@code b} null: no bias to apply). */
    boolean takes(INDArray x, INDArray w, INDArray b);

    /**
     * {@code out[n, o, s·i + d·ky − p, s·j + d·kx − p] = Σ} over input pixels {@code (i, j)}, taps {@code (ky, kx)} and
     * channels {@code c} of {@code x[n, c, i, j]·w[ky, kx, o, c]}, where the position lies inside {@code out [N, O, H', W']}
     * (which it overwrites): the cropped output of a transposed convolution of stride {@code s}, padding {@code p} and
     * dilation {@code d}, for arrays it {@link #takes}; then, with {@code f} not null, {@code f(out + b[o])} on each image's
     * output while it is in cache (as {@code channelBiasActivation} would after it).
     */
    void forward(INDArray x, INDArray w, INDArray b, Kernels.Pointwise f, int k, int s, int p, int d, INDArray out);
}
