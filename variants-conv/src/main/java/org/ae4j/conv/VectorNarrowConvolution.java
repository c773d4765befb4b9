package org.ae4j.conv;

import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.ae4j.kernel.NativeFloats;
import org.ae4j.kernel.VectorMath;
import org.ae4j.spi.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link NarrowConvolution} in Java, image by image, for float arrays in C order: each input channel is copied into a
 * frame of zeros as wide as the padding needs, every tap's patch plane of every channel is gathered from it once, then
 * each output channel is the sum of the patch planes times their
 * weights, a vector of output positions at a time with the sum in a register; the bias and activation follow on each
 * image's output planes while they are in cache. Planes are padded to whole vectors so no
 * position is left to a scalar loop. Measured on the default model's first layer: see docs/performance.md.
 */
final class VectorNarrowConvolution implements NarrowConvolution {

    private static final VectorSpecies<Float> S = VectorMath.SPECIES;
    private static final Scratch SCRATCH = new Scratch(6);

    @Override
    public boolean forward(INDArray x, INDArray w, INDArray b, Kernels.Pointwise f, int k, int s, int p, int d, INDArray out) {
        if (!NativeFloats.plain(x, w, out) || f != null && (!NativeFloats.plain(b) || b.length() != out.size(1))) {
            return false;
        }
        int images = (int) x.size(0);
        int channels = (int) x.size(1);
        int height = (int) x.size(2);
        int width = (int) x.size(3);
        int filters = (int) out.size(1);
        int outHeight = (int) out.size(2);
        int outWidth = (int) out.size(3);
        int plane = height * width;
        int outPlane = outHeight * outWidth;
        int padded = (outPlane + S.length() - 1) / S.length() * S.length();
        int patches = k * k * channels;
        float[][] scratch = SCRATCH.arrays();
        float[] weights = Scratch.of(scratch, 0, patches * filters);
        float[] image = Scratch.of(scratch, 1, channels * plane);
        float[] patch = Scratch.of(scratch, 2, patches * padded);
        float[] result = Scratch.of(scratch, 3, filters * padded);
        NativeFloats.floats(w).get(weights, 0, patches * filters);
        float[] bias = Scratch.of(scratch, 5, filters);
        if (f != null) {
            NativeFloats.floats(b).get(bias, 0, filters);
        }
        for (int t = 0; t < patches; t++) {
            java.util.Arrays.fill(patch, t * padded + outPlane, (t + 1) * padded, 0f);      // the padding stays 0
        }
        FloatBuffer in = NativeFloats.floats(x);
        FloatBuffer target = NativeFloats.floats(out);
        // each channel in a frame of zeros wide enough for every tap, so gathering a patch needs no bounds
        int frameHeight = Math.max(p + height, s * (outHeight - 1) + d * (k - 1) + 1);
        int frameWidth = Math.max(p + width, s * (outWidth - 1) + d * (k - 1) + 1);
        int frame = frameHeight * frameWidth;
        float[] framed = Scratch.of(scratch, 4, channels * frame);
        java.util.Arrays.fill(framed, 0, channels * frame, 0f);
        for (int n = 0; n < images; n++) {
            in.get(n * channels * plane, image, 0, channels * plane);
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < height; y++) {
                    System.arraycopy(image, c * plane + y * width, framed, c * frame + (y + p) * frameWidth + p, width);
                }
            }
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    for (int c = 0; c < channels; c++) {
                        int to = ((ky * k + kx) * channels + c) * padded;
                        for (int y = 0; y < outHeight; y++) {
                            int from = c * frame + (s * y + d * ky) * frameWidth + d * kx;
                            int row = to + y * outWidth;
                            for (int xo = 0; xo < outWidth; xo++) {
                                patch[row + xo] = framed[from + s * xo];
                            }
                        }
                    }
                }
            }
            for (int i = 0; i < padded; i += S.length()) {
                int o = 0;
                for (; o + 4 <= filters; o += 4) {
                    fourFilters(patch, weights, patches, padded, filters, o, i, result);
                }
                for (; o < filters; o++) {
                    FloatVector sum = FloatVector.zero(S);
                    for (int t = 0; t < patches; t++) {
                        sum = FloatVector.fromArray(S, patch, t * padded + i).fma(FloatVector.broadcast(S, weights[t * filters + o]), sum);
                    }
                    sum.intoArray(result, o * padded + i);
                }
            }
            for (int o = 0; o < filters; o++) {
                if (f != null) {
                    VectorMath.biasActivation(result, o * padded, padded, bias[o], f);  // whole vectors, in L1: no pass over out
                }
                target.put((n * filters + o) * outPlane, result, o * padded, outPlane);
            }
        }
        java.lang.ref.Reference.reachabilityFence(x);
        java.lang.ref.Reference.reachabilityFence(w);
        java.lang.ref.Reference.reachabilityFence(b);
        java.lang.ref.Reference.reachabilityFence(out);
        return true;
    }

    /**
     * Output channels {@code f…f+3} at the positions of vector {@code i}: four sums at once, so each patch vector is
     * loaded once for four channels and the additions do not wait on one another (one sum at a time was bound by the
     * latency of its chain of multiply-adds).
     */
    private static void fourFilters(float[] patch, float[] weights, int patches, int padded, int filters, int f, int i,
                                    float[] result) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S);
        FloatVector s3 = FloatVector.zero(S);
        for (int t = 0; t < patches; t++) {
            FloatVector v = FloatVector.fromArray(S, patch, t * padded + i);
            int at = t * filters + f;
            s0 = v.fma(FloatVector.broadcast(S, weights[at]), s0);
            s1 = v.fma(FloatVector.broadcast(S, weights[at + 1]), s1);
            s2 = v.fma(FloatVector.broadcast(S, weights[at + 2]), s2);
            s3 = v.fma(FloatVector.broadcast(S, weights[at + 3]), s3);
        }
        s0.intoArray(result, f * padded + i);
        s1.intoArray(result, (f + 1) * padded + i);
        s2.intoArray(result, (f + 2) * padded + i);
        s3.intoArray(result, (f + 3) * padded + i);
    }
}
