package org.ae4j.conv;

import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.ae4j.kernel.NativeFloats;
import org.ae4j.kernel.VectorMath;
import org.ae4j.spi.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link NarrowTransposed} in Java, image by image, for float arrays in C order. First each tap's contribution over
 * the whole input plane, {@code Σ_c w[tap, c]·x[c]} (planes padded to whole vectors, four taps at a time in vector
 * registers: the JIT left the plain loop scalar); then the output from the contributions, and the bias and
 * activation on each image's output while it is in cache.
 *
 * <p>A layer that doubles its input's height and width with stride 2 — an autoencoder's upsampling layer — takes the
 * output by phase: the outputs {@code (2a + φy, 2m + φx)} receive only the taps whose offsets {@code d·k − p} have the
 * parities {@code (φy, φx)}, each shifted by whole rows and columns, so each phase is a sum of whole contribution
 * vectors read at an offset (a 0/1 mask drops the values a column shift carries across a row's end, zero margins the
 * ones a row shift carries past the plane) and the phases are interleaved into the output rows by two permutes and a
 * blend per vector. Any other layer adds each tap's contribution where it lands, value by value — which took ~14 % of
 * the default conv model's inference as the upsampling path. Measured on the default model's last layer (JMH
 * {@code ConvBenchmark}, 256 images): see docs/performance.md.
 */
final class VectorNarrowTransposed implements NarrowTransposed {

    private static final VectorSpecies<Float> S = VectorMath.SPECIES;
    private static final int L = S.length();
    private static final Scratch SCRATCH = new Scratch(6);
    /** Lane i ← lane i / 2: the first half of a vector spread over its even and odd lanes. */
    private static final VectorShuffle<Float> HALF = VectorShuffle.fromOp(S, i -> i / 2);
    /** The odd lanes, which take the odd columns' phase in an interleave. */
    private static final VectorMask<Float> ODD = VectorMask.fromLong(S, 0xAAAAAAAAAAAAAAAAL);

    /** The last geometry's phases, kept for the layer's next call (its geometry does not change). */
    private volatile Doubling lastDoubling;

    /** The phases of a doubling layer of this geometry: the last call's, or new ones. */
    private Doubling doubling(int k, int p, int d, int height, int width, int outputs) {
        Doubling last = lastDoubling;
        if (last != null && last.fits(k, p, d, height, width, outputs)) {
            return last;
        }
        Doubling made = new Doubling(k, p, d, height, width, outputs);
        lastDoubling = made;
        return made;
    }

    @Override
    public boolean takes(INDArray x, INDArray w, INDArray b) {
        return NativeFloats.plain(x, w) && (b == null || NativeFloats.plain(b));
    }

    @Override
    public void forward(INDArray x, INDArray w, INDArray b, Kernels.Pointwise f, int k, int s, int p, int d, INDArray out) {
        if (!NativeFloats.plain(x, w, out) || f != null && (!NativeFloats.plain(b) || b.length() != out.size(1))) {
            throw new IllegalArgumentException("float arrays in C order (and a bias per output channel) are needed, got "
                    + x.dataType() + ", " + w.dataType() + " and " + out.dataType());
        }
        int images = (int) x.size(0);
        int channels = (int) x.size(1);
        int height = (int) x.size(2);
        int width = (int) x.size(3);
        int outputs = (int) out.size(1);
        int outHeight = (int) out.size(2);
        int outWidth = (int) out.size(3);
        int plane = height * width;
        int outPlane = outHeight * outWidth;
        int taps = k * k * outputs;
        int padded = (plane + L - 1) / L * L;
        Doubling doubling = s == 2 && outHeight == 2 * height && outWidth == 2 * width ? doubling(k, p, d, height, width, outputs) : null;
        int margin = doubling == null ? 0 : doubling.margin;
        int stride = doubling == null ? padded : doubling.stride;
        float[][] scratch = SCRATCH.arrays();
        float[] weights = Scratch.of(scratch, 0, taps * channels);
        float[] image = Scratch.of(scratch, 1, channels * padded);
        float[] contributions = Scratch.of(scratch, 2, taps * stride);
        float[] result = Scratch.of(scratch, 3, outputs * outPlane + L);         // an interleave may write a vector past a row
        float[] bias = Scratch.of(scratch, 4, outputs);
        NativeFloats.floats(w).get(weights, 0, taps * channels);
        if (f != null) {
            NativeFloats.floats(b).get(bias, 0, outputs);
        }
        for (int c = 0; c < channels; c++) {
            java.util.Arrays.fill(image, c * padded + plane, (c + 1) * padded, 0f);         // planes padded to whole vectors
        }
        float[] phases = null;
        if (doubling != null) {
            java.util.Arrays.fill(contributions, 0, taps * stride, 0f);                     // the margins stay 0
            phases = Scratch.of(scratch, 5, 4 * (padded + L));
        }
        FloatBuffer in = NativeFloats.floats(x);
        FloatBuffer target = NativeFloats.floats(out);
        for (int n = 0; n < images; n++) {
            for (int c = 0; c < channels; c++) {
                in.get((n * channels + c) * plane, image, c * padded, plane);
            }
            contribute(weights, taps, channels, image, padded, contributions, stride, margin);
            if (doubling != null) {
                for (int o = 0; o < outputs; o++) {
                    doubling.output(contributions, o, height, phases, result, o * outPlane);
                }
            } else {
                java.util.Arrays.fill(result, 0, outputs * outPlane, 0f);
                scatter(contributions, padded, k, s, p, d, height, width, outputs, outHeight, outWidth, result);
            }
            if (f != null) {
                for (int o = 0; o < outputs; o++) {
                    VectorMath.biasActivation(result, o * outPlane, outPlane, bias[o], f);
                }
            }
            target.put(n * outputs * outPlane, result, 0, outputs * outPlane);
        }
        java.lang.ref.Reference.reachabilityFence(x);
        java.lang.ref.Reference.reachabilityFence(w);
        java.lang.ref.Reference.reachabilityFence(b);
        java.lang.ref.Reference.reachabilityFence(out);
    }

    /** Every tap's {@code Σ_c w[tap, c]·image[c]} over the padded plane, into {@code contributions[t·stride + margin …]}. */
    private static void contribute(float[] weights, int taps, int channels, float[] image, int padded, float[] contributions,
                                   int stride, int margin) {
        for (int i = 0; i < padded; i += L) {
            int t = 0;
            for (; t + 4 <= taps; t += 4) {
                fourTaps(weights, t, channels, image, padded, i, contributions, stride, margin);
            }
            for (; t < taps; t++) {
                FloatVector sum = FloatVector.zero(S);
                for (int c = 0; c < channels; c++) {
                    sum = FloatVector.fromArray(S, image, c * padded + i).fma(FloatVector.broadcast(S, weights[t * channels + c]), sum);
                }
                sum.intoArray(contributions, t * stride + margin + i);
            }
        }
    }

    /**
     * Taps {@code t…t+3} at the positions of vector {@code i}: {@code Σ_c w[tap, c]·x[c]}, four sums at once, so each
     * input vector is loaded once for four taps and the additions do not wait on one another (one sum at a time was
     * bound by the latency of its chain of multiply-adds).
     */
    private static void fourTaps(float[] weights, int t, int channels, float[] image, int padded, int i, float[] contributions,
                                 int stride, int margin) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S);
        FloatVector s3 = FloatVector.zero(S);
        for (int c = 0; c < channels; c++) {
            FloatVector v = FloatVector.fromArray(S, image, c * padded + i);
            s0 = v.fma(FloatVector.broadcast(S, weights[t * channels + c]), s0);
            s1 = v.fma(FloatVector.broadcast(S, weights[(t + 1) * channels + c]), s1);
            s2 = v.fma(FloatVector.broadcast(S, weights[(t + 2) * channels + c]), s2);
            s3 = v.fma(FloatVector.broadcast(S, weights[(t + 3) * channels + c]), s3);
        }
        int at = margin + i;
        s0.intoArray(contributions, t * stride + at);
        s1.intoArray(contributions, (t + 1) * stride + at);
        s2.intoArray(contributions, (t + 2) * stride + at);
        s3.intoArray(contributions, (t + 3) * stride + at);
    }

    /** Any geometry: each tap's contribution added where it lands in the output, one output row at a time. */
    private static void scatter(float[] contributions, int padded, int k, int s, int p, int d, int height, int width,
                                int outputs, int outHeight, int outWidth, float[] result) {
        int outPlane = outHeight * outWidth;
        for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
                // the input columns j whose output column s·j + d·kx − p lies in [0, outWidth)
                int shift = d * kx - p;
                int first = Math.max(0, Math.floorDiv(-shift + s - 1, s));
                int end = Math.min(width, Math.floorDiv(outWidth - 1 - shift, s) + 1);
                for (int o = 0; o < outputs; o++) {
                    int row = ((ky * k + kx) * outputs + o) * padded;
                    for (int i = 0; i < height; i++) {
                        int oy = s * i + d * ky - p;
                        if (oy < 0 || oy >= outHeight) {
                            continue;
                        }
                        int at = o * outPlane + oy * outWidth + shift;
                        int from = row + i * width;
                        for (int j = first; j < end; j++) {
                            result[at + s * j] += contributions[from + j];
                        }
                    }
                }
            }
        }
    }

    /**
     * The phases of a stride-2 layer whose output is twice its input in each direction. Tap {@code (ky, kx)} sends input
     * {@code (i, j)} to output {@code (2(i + qy) + φy, 2(j + qx) + φx)} where {@code d·ky − p = 2qy + φy} and
     * {@code d·kx − p = 2qx + φx}: phase {@code (φy, φx)} at {@code (a, m)} — position {@code a·W + m} of a plane as
     * wide as the input — reads the contribution at {@code a·W + m − (qy·W + qx)}. Contribution planes sit at
     * {@code margin} in runs of {@code stride} values, zeros around them, so a row shift past the plane reads 0; a
     * column shift past a row's end is multiplied by 0 (the masks).
     */
    private static final class Doubling {
        final int width;
        final int padded;
        final int margin;
        final int stride;
        /** Per phase 2·φy + φx and output channel: where each of the phase's taps reads its contributions. */
        private final int[][][] reads;
        /** Per phase: where each of its taps' mask starts. */
        private final int[][] maskAt;
        /** Per kernel index t: {@code ⌊(d·t − p) / 2⌋}, the shift of the rows (t = ky) or columns (t = kx) it reaches. */
        private final int[] shiftOf;
        /** Per kx, over the plane's positions: 1 where the column shift keeps the column inside the row, else 0. */
        private final float[] masks;
        /** k, p, d, height, width, outputs: the geometry these phases are for. */
        private final int[] key;

        Doubling(int k, int p, int d, int height, int width, int outputs) {
            this.key = new int[] {k, p, d, height, width, outputs};
            this.width = width;
            this.padded = (height * width + L - 1) / L * L;
            shiftOf = new int[k];
            int[] phaseOf = new int[k];
            for (int t = 0; t < k; t++) {
                shiftOf[t] = Math.floorDiv(d * t - p, 2);
                phaseOf[t] = Math.floorMod(d * t - p, 2);
            }
            int[] offsets = new int[k * k];
            int highest = 0;
            int lowest = 0;
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    int offset = shiftOf[ky] * width + shiftOf[kx];
                    offsets[ky * k + kx] = offset;
                    highest = Math.max(highest, offset);
                    lowest = Math.min(lowest, offset);
                }
            }
            margin = (highest + L - 1) / L * L;
            stride = (margin + padded - lowest + L - 1) / L * L;
            reads = new int[4][outputs][];
            maskAt = new int[4][];
            for (int phase = 0; phase < 4; phase++) {
                int[] taps = new int[k * k];
                int count = 0;
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        if (phaseOf[ky] * 2 + phaseOf[kx] == phase) {
                            taps[count++] = ky * k + kx;
                        }
                    }
                }
                maskAt[phase] = new int[count];
                for (int o = 0; o < outputs; o++) {
                    reads[phase][o] = new int[count];
                }
                for (int t = 0; t < count; t++) {
                    maskAt[phase][t] = taps[t] % k * padded;
                    for (int o = 0; o < outputs; o++) {
                        reads[phase][o][t] = (taps[t] * outputs + o) * stride + margin - offsets[taps[t]];
                    }
                }
            }
            masks = new float[k * padded];
            for (int kx = 0; kx < k; kx++) {
                for (int position = 0; position < padded; position++) {
                    int column = position % width - shiftOf[kx];
                    boolean inside = position < height * width && column >= 0 && column < width;
                    masks[kx * padded + position] = inside ? 1f : 0f;
                }
            }
        }

        boolean fits(int k, int p, int d, int height, int width, int outputs) {
            return key[0] == k && key[1] == p && key[2] == d && key[3] == height && key[4] == width && key[5] == outputs;
        }

        /**
         * Output channel {@code o}'s plane at {@code to}: its four phases (one multiply-add per tap and vector, the sum in
         * a register: a loop that branched on the tap's phase boxed its vectors and ran ~3× slower), then interleaved
         * row by row.
         */
        void output(float[] contributions, int o, int height, float[] phases, float[] result, int to) {
            for (int phase = 0; phase < 4; phase++) {
                int into = phase * (padded + L);
                int[] from = reads[phase][o];
                int[] mask = maskAt[phase];
                for (int i = 0; i < padded; i += L) {
                    FloatVector sum = FloatVector.zero(S);
                    for (int t = 0; t < from.length; t++) {
                        sum = FloatVector.fromArray(S, contributions, from[t] + i).fma(FloatVector.fromArray(S, masks, mask[t] + i), sum);
                    }
                    sum.intoArray(phases, into + i);
                }
            }
            int outWidth = 2 * width;
            for (int a = 0; a < height; a++) {
                for (int phaseY = 0; phaseY < 2; phaseY++) {
                    int even = phaseY * 2 * (padded + L) + a * width;
                    int odd = even + padded + L;
                    int row = to + (2 * a + phaseY) * outWidth;
                    for (int v = 0, m = 0; v < outWidth; v += L, m += L / 2) {
                        FloatVector.fromArray(S, phases, even + m).rearrange(HALF)
                                .blend(FloatVector.fromArray(S, phases, odd + m).rearrange(HALF), ODD).intoArray(result, row + v);
                    }
                }
            }
        }
    }
}
