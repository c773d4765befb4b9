package org.ae4j.conv;

import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.ae4j.kernel.NativeFloats;
import org.ae4j.kernel.VectorMath;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link NarrowTransposed} in Java, image by image, for float arrays in C order: first each tap's contribution over the
 * whole input plane, {@code Σ_c w[tap, c]·x[c]} (planes padded to whole vectors, four taps at a time in vector
 * registers: the JIT left the plain loop scalar),
 * then each tap's plane added where it lands in the output, one output row at a time. Measured on the default
 * model's last layer (JMH {@code ConvBenchmark}, 256 images): see docs/performance.md.
 */
final class VectorNarrowTransposed implements NarrowTransposed {

    private static final VectorSpecies<Float> S = VectorMath.SPECIES;
    private static final Scratch SCRATCH = new Scratch(4);

    @Override
    public boolean takes(INDArray x, INDArray w) {
        return NativeFloats.plain(x, w);
    }

    @Override
    public void forward(INDArray x, INDArray w, int k, int s, int p, int d, INDArray out) {
        if (!NativeFloats.plain(x, w, out)) {
            throw new IllegalArgumentException("float arrays in C order are needed, got " + x.dataType() + ", " + w.dataType()
                    + " and " + out.dataType());
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
        float[][] scratch = SCRATCH.arrays();
        int padded = (plane + S.length() - 1) / S.length() * S.length();
        float[] weights = Scratch.of(scratch, 0, taps * channels);
        float[] image = Scratch.of(scratch, 1, channels * padded);
        float[] contributions = Scratch.of(scratch, 2, taps * padded);
        float[] result = Scratch.of(scratch, 3, outputs * outPlane);
        NativeFloats.floats(w).get(weights, 0, taps * channels);
        for (int c = 0; c < channels; c++) {
            java.util.Arrays.fill(image, c * padded + plane, (c + 1) * padded, 0f);         // planes padded to whole vectors
        }
        FloatBuffer in = NativeFloats.floats(x);
        FloatBuffer target = NativeFloats.floats(out);
        for (int n = 0; n < images; n++) {
            for (int c = 0; c < channels; c++) {
                in.get((n * channels + c) * plane, image, c * padded, plane);
            }
            for (int i = 0; i < padded; i += S.length()) {
                int t = 0;
                for (; t + 4 <= taps; t += 4) {
                    fourTaps(weights, t, channels, image, padded, i, contributions);
                }
                for (; t < taps; t++) {
                    FloatVector sum = FloatVector.zero(S);
                    for (int c = 0; c < channels; c++) {
                        sum = FloatVector.fromArray(S, image, c * padded + i).fma(FloatVector.broadcast(S, weights[t * channels + c]), sum);
                    }
                    sum.intoArray(contributions, t * padded + i);
                }
            }
            java.util.Arrays.fill(result, 0, outputs * outPlane, 0f);
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
            target.put(n * outputs * outPlane, result, 0, outputs * outPlane);
        }
        java.lang.ref.Reference.reachabilityFence(x);
        java.lang.ref.Reference.reachabilityFence(w);
        java.lang.ref.Reference.reachabilityFence(out);
    }

    /**
     * Taps {@code t…t+3} at the positions of vector {@code i}: {@code Σ_c w[tap, c]·x[c]}, four sums at once, so each
     * input vector is loaded once for four taps and the additions do not wait on one another (one sum at a time was
     * bound by the latency of its chain of multiply-adds).
     */
    private static void fourTaps(float[] weights, int t, int channels, float[] image, int padded, int i, float[] contributions) {
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
        s0.intoArray(contributions, t * padded + i);
        s1.intoArray(contributions, (t + 1) * padded + i);
        s2.intoArray(contributions, (t + 2) * padded + i);
        s3.intoArray(contributions, (t + 3) * padded + i);
    }
}
