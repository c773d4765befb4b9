package org.ae4j.kernel;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.ae4j.spi.Activation;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.RandomSource;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused kernels: one pass over ND4J's native memory, written with JDK 17's incubating Vector API,
 * where ND4J needs two to fifteen ops (each ~10–20 µs of dispatch here) — a dense layer's bias and
 * activation and their backward pass with the bias gradient, the squared error with its gradient,
 * Adam's update of a whole parameter block, Gaussian noise (vectorised Box–Muller on per-lane
 * xoshiro128+, seeded from the {@link RandomSource}). Steady-state training steps run 1.3–1.8× faster.
 *
 * <p>They take {@link NativeFloats#plain plain} float arrays and built-in activations
 * ({@link Activation#pointwise()}); anything else goes to {@link Nd4jKernels}, which computes the same
 * values. Needs the JVM option {@code --add-modules jdk.incubator.vector}; make them through
 * {@link KernelSelection}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class VectorApiKernels implements Kernels {

    public static final String NAME = "vector-api";

    private final Nd4jKernels nd4j = new Nd4jKernels();

    /** Package-private: {@link KernelSelection} checks the module is there first. */
    VectorApiKernels() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void biasActivation(INDArray y, INDArray bias, Activation f) {
        Kernels.Pointwise p = f.pointwise().orElse(null);
        if (p == null || y.rank() != 2 || bias.length() != y.size(1) || !NativeFloats.plain(y, bias)) {
            nd4j.biasActivation(y, bias, f);
            return;
        }
        VectorKernels.biasActivation(NativeFloats.bytes(y), NativeFloats.bytes(bias), (int) y.size(0), (int) y.size(1), p);
        keepAlive(y, bias);
    }

    @Override
    public void backpropWithBias(INDArray y, INDArray g, INDArray biasGradient, Activation f) {
        Kernels.Pointwise p = f.pointwise().orElse(null);
        if (p == null || g.rank() != 2 || !g.equalShapes(y) || biasGradient.length() != g.size(1)
                || !NativeFloats.plain(y, g, biasGradient)) {
            nd4j.backpropWithBias(y, g, biasGradient, f);
            return;
        }
        VectorKernels.backpropWithBias(NativeFloats.bytes(y), NativeFloats.bytes(g), NativeFloats.bytes(biasGradient), (int) g.size(0),
                (int) g.size(1), p);
        keepAlive(y, g, biasGradient);
    }

    /** As {@link #biasActivation} on the {@code [batch, channels·plane]} rows, with the bias spread over each plane. */
    @Override
    public void channelBiasActivation(INDArray y, INDArray bias, Activation f) {
        Kernels.Pointwise p = f.pointwise().orElse(null);
        if (p == null || y.rank() < 2 || !NativeFloats.plain(y) || bias != null && (bias.length() != y.size(1) || !NativeFloats.plain(bias))) {
            nd4j.channelBiasActivation(y, bias, f);
            return;
        }
        int rows = (int) y.size(0);
        int width = (int) (y.length() / rows);
        VectorKernels.biasActivation(NativeFloats.bytes(y), ChannelRows.spread(bias, (int) y.size(1), width), rows, width, p);
        keepAlive(y, bias);
    }

    /** As {@link #backpropWithBias} on the {@code [batch, channels·plane]} rows, the column sums then summed per plane. */
    @Override
    public INDArray channelBackpropWithBias(INDArray y, INDArray g, INDArray biasGradient, Activation f) {
        Kernels.Pointwise p = f.pointwise().orElse(null);
        if (p == null || g.rank() < 2 || !g.equalShapes(y) || !NativeFloats.plain(y, g)
                || biasGradient != null && (biasGradient.length() != g.size(1) || !NativeFloats.plain(biasGradient))) {
            return nd4j.channelBackpropWithBias(y, g, biasGradient, f);
        }
        if (biasGradient == null && p == Kernels.Pointwise.IDENTITY) {
            return g;
        }
        int rows = (int) g.size(0);
        int width = (int) (g.length() / rows);
        java.nio.ByteBuffer sums = ChannelRows.zeros(width);
        VectorKernels.backpropWithBias(NativeFloats.bytes(y), NativeFloats.bytes(g), sums, rows, width, p);
        if (biasGradient != null) {
            ChannelRows.addPlaneSums(sums, (int) g.size(1), width, NativeFloats.bytes(biasGradient));
        }
        keepAlive(y, g, biasGradient);
        return g;
    }

    @Override
    public double squaredError(INDArray output, INDArray target, INDArray gradient, double scale) {
        if (!output.equalShapes(target) || !output.equalShapes(gradient) || !NativeFloats.plain(output, target, gradient)) {
            return nd4j.squaredError(output, target, gradient, scale);
        }
        double sum = VectorKernels.squaredError(NativeFloats.bytes(output), NativeFloats.bytes(target), NativeFloats.bytes(gradient),
                (int) output.length(), (float) scale);
        keepAlive(output, target, gradient);
        return sum;
    }

    @Override
    public void scaleAdd(INDArray target, double a, INDArray other, double b) {
        if (other.length() != target.length() || !NativeFloats.plain(target, other)) {
            nd4j.scaleAdd(target, a, other, b);
            return;
        }
        VectorKernels.scaleAdd(NativeFloats.bytes(target), (float) a, NativeFloats.bytes(other), (float) b, (int) target.length());
        keepAlive(target, other);
    }

    /** One pass with subnormal moments flushed to zero (a subnormal costs ~100 cycles per operation). */
    @Override
    public void adam(INDArray theta, INDArray gradient, INDArray m, INDArray v, long iteration, double learningRate, double beta1,
                     double beta2, double epsilon) {
        long n = theta.length();
        if (gradient.length() != n || m.length() != n || v.length() != n || !NativeFloats.plain(theta, gradient, m, v)) {
            nd4j.adam(theta, gradient, m, v, iteration, learningRate, beta1, beta2, epsilon);
            return;
        }
        VectorKernels.adam(NativeFloats.bytes(theta), NativeFloats.bytes(gradient), NativeFloats.bytes(m), NativeFloats.bytes(v), (int) n,
                adamStepSize(iteration, learningRate, beta1, beta2), (float) beta1, (float) beta2, (float) epsilon);
        keepAlive(theta, gradient, m, v);
    }

    /** True unless {@code -Dae4j.smallModelPath=false} turns the small-model path off (for comparisons). */
    @Override
    public boolean fusesSmallLayers() {
        return !"false".equals(System.getProperty("ae4j.smallModelPath"));
    }

    @Override
    public double[] maskedSquaredError(INDArray output, INDArray target, INDArray gradient) {
        double[] result = SmallErrors.applies(output, target, gradient) ? SmallErrors.masked(output, target, gradient)
                : Kernels.super.maskedSquaredError(output, target, gradient);
        keepAlive(output, target, gradient);
        return result;
    }

    @Override
    public INDArray meanSquaredErrorPerExample(INDArray output, INDArray target, boolean skipMissing) {
        INDArray result = SmallErrors.applies(output, target) ? SmallErrors.perExample(output, target, skipMissing)
                : Kernels.super.meanSquaredErrorPerExample(output, target, skipMissing);
        keepAlive(output, target);
        return result;
    }

    @Override
    public INDArray missingAsZero(INDArray x) {
        INDArray result = SmallErrors.applies(x) ? SmallErrors.missingAsZero(x) : Kernels.super.missingAsZero(x);
        keepAlive(x);
        return result;
    }

    /** Small float products in Java ({@link SmallGemm}), others by ND4J's {@code matmul}. */
    @Override
    public INDArray gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha, double beta) {
        if (SmallGemm.applies(a, b, c, transposeA, transposeB)) {
            SmallGemm.multiply(a, b, c, transposeA, transposeB, (float) alpha, (float) beta);
            return c;
        }
        return Kernels.super.gemm(a, b, c, transposeA, transposeB, alpha, beta);
    }

    /** One pass over the six arrays instead of the combination's three and Adam's seven (and a memset of each lane's). */
    @Override
    public boolean adamOfSum(INDArray theta, INDArray gradient, double a, INDArray other, double b, INDArray m, INDArray v,
                             long iteration, double learningRate, double beta1, double beta2, double epsilon) {
        long n = theta.length();
        if (gradient.length() != n || other.length() != n || m.length() != n || v.length() != n
                || !NativeFloats.plain(theta, gradient, other, m, v)) {
            return false;
        }
        VectorKernels.adamOfSum(NativeFloats.bytes(theta), NativeFloats.bytes(gradient), (float) a, NativeFloats.bytes(other), (float) b,
                NativeFloats.bytes(m), NativeFloats.bytes(v), (int) n, adamStepSize(iteration, learningRate, beta1, beta2), (float) beta1,
                (float) beta2, (float) epsilon);
        keepAlive(theta, gradient, other, m, v);
        return true;
    }

    /** Adam's {@code αₜ = α·√(1−β₂ᵗ)/(1−β₁ᵗ)} for {@code t = iteration + 1}. */
    private static float adamStepSize(long iteration, double learningRate, double beta1, double beta2) {
        long t = iteration + 1;
        return (float) (learningRate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
    }

    /** Plain Java over the native floats: for small arrays one loop beats ND4J's reduction and cast. */
    @Override
    public double[] columnSums(INDArray a) {
        if (a.rank() != 2 || !NativeFloats.plain(a)) {
            return nd4j.columnSums(a);
        }
        int rows = (int) a.size(0);
        int cols = (int) a.size(1);
        FloatBuffer values = NativeFloats.floats(a);
        double[] sums = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                sums[c] += values.get(r * cols + c);
            }
        }
        keepAlive(a);
        return sums;
    }

    @Override
    public INDArray repeatRow(double[] row, long rows, DataType type) {
        if (type != DataType.FLOAT) {
            return nd4j.repeatRow(row, rows, type);
        }
        INDArray result = Nd4j.createUninitialized(DataType.FLOAT, rows, row.length);
        FloatBuffer values = NativeFloats.floats(result);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < row.length; c++) {
                values.put(r * row.length + c, (float) row[c]);
            }
        }
        keepAlive(result);
        return result;
    }

    /**
     * Vectorised Box–Muller on xoshiro128+ generators seeded from {@code random.java()}; samples lie
     * within 5.77σ of the mean. Not the same numbers as {@link Nd4jKernels#gaussian}'s.
     */
    @Override
    public INDArray gaussian(INDArray target, double mean, double std, RandomSource random) {
        if (!NativeFloats.plain(target)) {
            return nd4j.gaussian(target, mean, std, random);
        }
        SplittableRandom java = random.java();
        int lanes = VectorKernels.gaussianLanes();
        int[] state = new int[4 * lanes];
        for (int i = 0; i < state.length; i++) {
            state[i] = java.nextInt();
        }
        for (int lane = 0; lane < lanes; lane++) {                 // xoshiro's state must not be all zero
            if ((state[lane] | state[lanes + lane] | state[2 * lanes + lane] | state[3 * lanes + lane]) == 0) {
                state[lane] = 1;
            }
        }
        VectorKernels.gaussian(NativeFloats.bytes(target), (int) target.length(), (float) mean, (float) std, state);
        keepAlive(target);
        return target;
    }

    @Override
    public <K> K select(Supplier<? extends K> nd4j, Supplier<? extends K> vectorApi) {
        return vectorApi.get();
    }

    @Override
    public String toString() {
        return NAME;
    }

    /** Keeps the arrays (and so their native memory) reachable until the kernel that read their buffers returned. */
    private static void keepAlive(INDArray... arrays) {
        java.lang.ref.Reference.reachabilityFence(arrays);
    }
}
