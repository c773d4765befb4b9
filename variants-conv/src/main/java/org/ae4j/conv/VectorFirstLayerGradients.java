package org.ae4j.conv;

import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.ae4j.kernel.NativeFloats;
import org.ae4j.kernel.VectorMath;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link FirstLayerGradients} in Java, image by image, for float arrays in C order: for each tap and input channel the
 * patch plane (the input values that tap meets at every output position) is gathered once, and its dot product with
 * each output channel's gradient plane, in vector registers, is that weight's share. Measured on the default model's
 * first layer (JMH {@code ConvBenchmark}, 256 images): see docs/performance.md.
 */
final class VectorFirstLayerGradients implements FirstLayerGradients {

    private static final VectorSpecies<Float> S = VectorMath.SPECIES;
    private static final Scratch SCRATCH = new Scratch(5);

    @Override
    public boolean add(INDArray x, INDArray g, int k, int s, int p, int d, INDArray weightGradient, INDArray biasGradient) {
        if (!NativeFloats.plain(x, g, weightGradient, biasGradient)) {
            return false;
        }
        int images = (int) x.size(0);
        int channels = (int) x.size(1);
        int height = (int) x.size(2);
        int width = (int) x.size(3);
        int filters = (int) g.size(1);
        int outHeight = (int) g.size(2);
        int outWidth = (int) g.size(3);
        int plane = height * width;
        int outPlane = outHeight * outWidth;
        int weights = k * k * channels * filters;
        float[][] scratch = SCRATCH.arrays();
        float[] image = Scratch.of(scratch, 0, channels * plane);
        float[] gradient = Scratch.of(scratch, 1, filters * outPlane);
        float[] patch = Scratch.of(scratch, 2, outPlane);
        float[] weightSums = Scratch.of(scratch, 3, weights);
        float[] biasSums = Scratch.of(scratch, 4, filters);
        java.util.Arrays.fill(weightSums, 0, weights, 0f);
        java.util.Arrays.fill(biasSums, 0, filters, 0f);
        FloatBuffer in = NativeFloats.floats(x);
        FloatBuffer out = NativeFloats.floats(g);
        for (int n = 0; n < images; n++) {
            in.get(n * channels * plane, image, 0, channels * plane);
            out.get(n * filters * outPlane, gradient, 0, filters * outPlane);
            for (int f = 0; f < filters; f++) {
                biasSums[f] += sum(gradient, f * outPlane, outPlane);
            }
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    for (int c = 0; c < channels; c++) {
                        PatchPlanes.gather(image, c * plane, height, width, d * ky - p, d * kx - p, s, outHeight, outWidth, patch, 0);
                        int at = ((ky * k + kx) * channels + c) * filters;
                        for (int f = 0; f < filters; f++) {
                            weightSums[at + f] += dot(gradient, f * outPlane, patch, outPlane);
                        }
                    }
                }
            }
        }
        FloatBuffer w = NativeFloats.floats(weightGradient);
        for (int i = 0; i < weights; i++) {
            w.put(i, w.get(i) + weightSums[i]);
        }
        FloatBuffer b = NativeFloats.floats(biasGradient);
        for (int f = 0; f < filters; f++) {
            b.put(f, b.get(f) + biasSums[f]);
        }
        java.lang.ref.Reference.reachabilityFence(x);
        java.lang.ref.Reference.reachabilityFence(g);
        java.lang.ref.Reference.reachabilityFence(weightGradient);
        java.lang.ref.Reference.reachabilityFence(biasGradient);
        return true;
    }

    private static float dot(float[] a, int from, float[] b, int length) {
        FloatVector acc = FloatVector.zero(S);
        int bound = S.loopBound(length);
        int i = 0;
        for (; i < bound; i += S.length()) {
            acc = FloatVector.fromArray(S, a, from + i).fma(FloatVector.fromArray(S, b, i), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < length; i++) {
            sum += a[from + i] * b[i];
        }
        return sum;
    }

    private static float sum(float[] a, int from, int length) {
        FloatVector acc = FloatVector.zero(S);
        int bound = S.loopBound(length);
        int i = 0;
        for (; i < bound; i += S.length()) {
            acc = acc.add(FloatVector.fromArray(S, a, from + i));
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < length; i++) {
            sum += a[from + i];
        }
        return sum;
    }
}
