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
    private static final Scratch SCRATCH = new Scratch(7);

    /** The last geometry's phase layout, kept for the layer's next call (its geometry does not change). */
    private volatile Halving lastHalving;

    /** The phase layout of a halving layer of this geometry: the last call's, or a new one. */
    private Halving halving(int k, int p, int d, int outHeight, int outWidth) {
        Halving last = lastHalving;
        if (last != null && last.fits(k, p, d, outHeight, outWidth)) {
            return last;
        }
        Halving made = new Halving(k, p, d, outHeight, outWidth);
        lastHalving = made;
        return made;
    }

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
        Halving halving = s == 2 && height == 2 * outHeight && width == 2 * outWidth ? halving(k, p, d, outHeight, outWidth) : null;
        // each channel in a frame of zeros wide enough for every tap, so gathering a patch needs no bounds
        int frameHeight = Math.max(p + height, s * (outHeight - 1) + d * (k - 1) + 1);
        int frameWidth = Math.max(p + width, s * (outWidth - 1) + d * (k - 1) + 1);
        int frame = halving == null ? frameHeight * frameWidth : 0;
        float[] framed = Scratch.of(scratch, 4, channels * frame);
        java.util.Arrays.fill(framed, 0, channels * frame, 0f);
        float[] phases = null;
        if (halving != null) {
            phases = Scratch.of(scratch, 6, channels * 4 * halving.stride);
            java.util.Arrays.fill(phases, 0, channels * 4 * halving.stride, 0f);           // the margins stay 0
        }
        for (int n = 0; n < images; n++) {
            in.get(n * channels * plane, image, 0, channels * plane);
            if (halving != null) {
                halving.patches(image, channels, height, width, outHeight, k, phases, patch);
            }
            for (int c = 0; c < channels && halving == null; c++) {
                for (int y = 0; y < height; y++) {
                    System.arraycopy(image, c * plane + y * width, framed, c * frame + (y + p) * frameWidth + p, width);
                }
            }
            for (int ky = 0; ky < k && halving == null; ky++) {
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

    /**
     * The patches of a stride-2 convolution that halves its input's height and width, without a gather: the input
     * {@code (2a + φy, 2b + φx)} goes to phase plane {@code (φy, φx)} at {@code (a, b)}, planes as wide as the output, and
     * tap {@code (ky, kx)} with {@code d·ky − p = 2qy + φy}, {@code d·kx − p = 2qx + φx} reads its patch from plane
     * {@code (φy, φx)} shifted by {@code qy·W + qx} — whole vectors, a 0/1 mask dropping the columns a shift carries
     * across a row's end, zero margins the rows it carries past the plane. Gathering every patch value by value (with
     * stride 2) took ~30 % of the default model's first layer.
     */
    private static final class Halving {
        final int outWidth;
        final int padded;
        final int margin;
        final int stride;
        /** Per kernel index t: {@code ⌊(d·t − p) / 2⌋} and {@code (d·t − p) mod 2}. */
        private final int[] shiftOf;
        private final int[] phaseOf;
        /** Per kx, over the output positions: 1 where the column shift keeps the column inside the row, else 0. */
        private final float[] masks;
        /** k, p, d, outHeight, outWidth: the geometry this layout is for. */
        private final int[] key;

        Halving(int k, int p, int d, int outHeight, int outWidth) {
            this.key = new int[] {k, p, d, outHeight, outWidth};
            this.outWidth = outWidth;
            this.padded = (outHeight * outWidth + S.length() - 1) / S.length() * S.length();
            shiftOf = new int[k];
            phaseOf = new int[k];
            for (int t = 0; t < k; t++) {
                shiftOf[t] = Math.floorDiv(d * t - p, 2);
                phaseOf[t] = Math.floorMod(d * t - p, 2);
            }
            int highest = 0;
            int lowest = 0;
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    int offset = shiftOf[ky] * outWidth + shiftOf[kx];
                    highest = Math.max(highest, offset);
                    lowest = Math.min(lowest, offset);
                }
            }
            margin = (-lowest + S.length() - 1) / S.length() * S.length();
            stride = (margin + padded + highest + S.length() - 1) / S.length() * S.length();
            masks = new float[k * padded];
            for (int kx = 0; kx < k; kx++) {
                for (int position = 0; position < padded; position++) {
                    int column = position % outWidth + shiftOf[kx];
                    boolean inside = position < outHeight * outWidth && column >= 0 && column < outWidth;
                    masks[kx * padded + position] = inside ? 1f : 0f;
                }
            }
        }

        boolean fits(int k, int p, int d, int outHeight, int outWidth) {
            return key[0] == k && key[1] == p && key[2] == d && key[3] == outHeight && key[4] == outWidth;
        }

        /** The image's phase planes, then every tap's patch of every channel from them (a vector at a time). */
        void patches(float[] image, int channels, int height, int width, int outHeight, int k, float[] phases, float[] patch) {
            int plane = height * width;
            for (int c = 0; c < channels; c++) {
                for (int a = 0; a < outHeight; a++) {
                    for (int phaseY = 0; phaseY < 2; phaseY++) {
                        int from = c * plane + (2 * a + phaseY) * width;
                        int even = (c * 4 + phaseY * 2) * stride + margin + a * outWidth;
                        int odd = even + stride;
                        for (int b = 0; b < outWidth; b++) {
                            phases[even + b] = image[from + 2 * b];
                            phases[odd + b] = image[from + 2 * b + 1];
                        }
                    }
                }
            }
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    int offset = shiftOf[ky] * outWidth + shiftOf[kx];
                    int mask = kx * padded;
                    for (int c = 0; c < channels; c++) {
                        int from = (c * 4 + phaseOf[ky] * 2 + phaseOf[kx]) * stride + margin + offset;
                        int to = ((ky * k + kx) * channels + c) * padded;
                        for (int i = 0; i < padded; i += S.length()) {
                            FloatVector.fromArray(S, phases, from + i).mul(FloatVector.fromArray(S, masks, mask + i)).intoArray(patch, to + i);
                        }
                    }
                }
            }
        }
    }
}
