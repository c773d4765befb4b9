package org.ae4j.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.ae4j.spi.Kernels;
import org.ae4j.util.Lanes;

/**
 * The fused float kernels behind {@link VectorApiKernels}, written with the Vector API (JDK 17's incubating
 * {@code jdk.incubator.vector}). Exponential, logarithm, tanh, sine and cosine are built from IEEE
 * arithmetic here rather than taken from the API's {@code EXP}, {@code LOG}, …, which round differently
 * before and after the JIT compiles a kernel: results would then depend on timing. They read and
 * write ND4J's native memory through direct byte buffers, so nothing is copied. Loaded only when that
 * module is in the boot layer: nothing else may refer to this class.
 *
 * <p>Each buffer starts at its array's first element; every loop runs whole vectors, then a scalar
 * tail with the same formula.
 * An accumulator starts from a vector made in place, not from a static constant: a loop-carried
 * vector that starts as a stored object ran several times slower (C2 in JDK 17 keeps it boxed).
 */
final class VectorKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Ints of the same width as {@link #S}, lane for lane. */
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, S.vectorShape());
    private static final int LANES = S.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** Adam splits blocks of at least this many values in two, run side by side ({@link Lanes#split}). */
    private static final int PARALLEL_ADAM = 1 << 16;
    private static final FloatVector ZERO = FloatVector.zero(S);
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    /** Column sums of {@link #backpropWithBias}, reused per thread. */
    private static final ThreadLocal<float[]> SUMS = ThreadLocal.withInitial(() -> new float[0]);

    private VectorKernels() {
    }

    static String species() {
        return S.toString();
    }

    /**
     * {@code y[r, c] ← f(y[r, c] + b[c])} for a {@code [rows, cols]} block {@code y} and a row {@code b}.
     * Identity and ReLU share a loop; sigmoid and tanh have one each: a loop that chose among functions
     * built on {@link #exp} was not compiled into vector code (its inlining budget ran out, and boxed
     * vectors cost 5–20×).
     */
    static void biasActivation(ByteBuffer y, ByteBuffer b, int rows, int cols, Kernels.Pointwise f) {
        switch (f) {
            case IDENTITY, RELU -> biasPiecewiseLinear(y, b, rows, cols, f);
            case SIGMOID -> biasSigmoid(y, b, rows, cols);
            case TANH -> biasTanh(y, b, rows, cols);
        }
    }

    /** Identity or ReLU (a loop-invariant choice the JIT takes out of the loop). */
    private static void biasPiecewiseLinear(ByteBuffer y, ByteBuffer b, int rows, int cols, Kernels.Pointwise f) {
        boolean relu = f == Kernels.Pointwise.RELU;
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int row = 4 * r * cols;
            int c = 0;
            for (; c < bound; c += LANES) {
                FloatVector z = FloatVector.fromByteBuffer(S, y, row + 4 * c, ORDER).add(FloatVector.fromByteBuffer(S, b, 4 * c, ORDER));
                (relu ? z.max(ZERO) : z).intoByteBuffer(y, row + 4 * c, ORDER);
            }
            tail(y, b, row, c, cols, f);
        }
    }

    private static void biasSigmoid(ByteBuffer y, ByteBuffer b, int rows, int cols) {
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int row = 4 * r * cols;
            int c = 0;
            for (; c < bound; c += LANES) {
                FloatVector z = FloatVector.fromByteBuffer(S, y, row + 4 * c, ORDER).add(FloatVector.fromByteBuffer(S, b, 4 * c, ORDER));
                VectorMath.sigmoid(z).intoByteBuffer(y, row + 4 * c, ORDER);
            }
            tail(y, b, row, c, cols, Kernels.Pointwise.SIGMOID);
        }
    }

    /** Like {@link #biasSigmoid}: a shared loop choosing between the two was not compiled to vector code. */
    private static void biasTanh(ByteBuffer y, ByteBuffer b, int rows, int cols) {
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int row = 4 * r * cols;
            int c = 0;
            for (; c < bound; c += LANES) {
                FloatVector z = FloatVector.fromByteBuffer(S, y, row + 4 * c, ORDER).add(FloatVector.fromByteBuffer(S, b, 4 * c, ORDER));
                VectorMath.tanh(z).intoByteBuffer(y, row + 4 * c, ORDER);
            }
            tail(y, b, row, c, cols, Kernels.Pointwise.TANH);
        }
    }

    /** The columns from {@code c} on of one row, scalar. */
    private static void tail(ByteBuffer y, ByteBuffer b, int row, int c, int cols, Kernels.Pointwise f) {
        for (; c < cols; c++) {
            y.putFloat(row + 4 * c, apply(y.getFloat(row + 4 * c) + b.getFloat(4 * c), f));
        }
    }

    /**
     * {@code g ← g ⊙ f′(y)} over a {@code [rows, cols]} block, and {@code biasGradient[c] += Σ_r g[r, c]}
     * (summed in float, as a product with a row of ones would).
     */
    static void backpropWithBias(ByteBuffer y, ByteBuffer g, ByteBuffer biasGradient, int rows, int cols, Kernels.Pointwise f) {
        float[] sums = SUMS.get();
        if (sums.length < cols) {
            sums = new float[cols];
            SUMS.set(sums);
        }
        java.util.Arrays.fill(sums, 0, cols, 0f);
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int row = 4 * r * cols;
            int c = 0;
            for (; c < bound; c += LANES) {
                FloatVector gv = FloatVector.fromByteBuffer(S, g, row + 4 * c, ORDER);
                if (f != Kernels.Pointwise.IDENTITY) {
                    gv = derivativeTimes(FloatVector.fromByteBuffer(S, y, row + 4 * c, ORDER), gv, f);
                    gv.intoByteBuffer(g, row + 4 * c, ORDER);
                }
                FloatVector.fromArray(S, sums, c).add(gv).intoArray(sums, c);
            }
            for (; c < cols; c++) {
                float gc = g.getFloat(row + 4 * c);
                if (f != Kernels.Pointwise.IDENTITY) {
                    gc = derivativeTimes(y.getFloat(row + 4 * c), gc, f);
                    g.putFloat(row + 4 * c, gc);
                }
                sums[c] += gc;
            }
        }
        for (int c = 0; c < cols; c++) {
            biasGradient.putFloat(4 * c, biasGradient.getFloat(4 * c) + sums[c]);
        }
    }

    /** {@code target ← a·target + b·other} over {@code n} values. */
    static void scaleAdd(ByteBuffer target, float a, ByteBuffer other, float b, int n) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) {
            FloatVector t = FloatVector.fromByteBuffer(S, target, 4 * i, ORDER);
            FloatVector o = FloatVector.fromByteBuffer(S, other, 4 * i, ORDER);
            t.mul(a).add(o.mul(b)).intoByteBuffer(target, 4 * i, ORDER);
        }
        for (; i < n; i++) {
            target.putFloat(4 * i, a * target.getFloat(4 * i) + b * other.getFloat(4 * i));
        }
    }

    /**
     * {@code gradient ← scale·(output − target)} over {@code n} values; returns {@code Σ (output − target)²},
     * summed in float lanes (each lane adds every {@code LANES}-th square; relative error ~1e-6 typically,
     * below {@code n/LANES·2⁻²⁴} at worst) and then in double. One loop without nesting: C2 keeps a vector
     * carried by a nested loop in memory (boxed), four times slower.
     */
    static double squaredError(ByteBuffer output, ByteBuffer target, ByteBuffer gradient, int n, float scale) {
        FloatVector factor = FloatVector.broadcast(S, scale);
        FloatVector acc = FloatVector.zero(S);
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) {
            FloatVector d = FloatVector.fromByteBuffer(S, output, 4 * i, ORDER)
                    .sub(FloatVector.fromByteBuffer(S, target, 4 * i, ORDER));
            acc = acc.add(d.mul(d));
            d.mul(factor).intoByteBuffer(gradient, 4 * i, ORDER);
        }
        double total = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float d = output.getFloat(4 * i) - target.getFloat(4 * i);
            total += d * d;
            gradient.putFloat(4 * i, scale * d);
        }
        return total;
    }

    /** Lanes of {@link #gaussian}'s generators: one xoshiro128+ per float lane. */
    static int gaussianLanes() {
        return LANES;
    }

    /**
     * Fills {@code n} floats with N(mean, std²) samples: Box–Muller on pairs of uniforms from one
     * xoshiro128+ generator per lane (Blackman &amp; Vigna's generator for floating-point values; its top
     * 24 bits make each uniform), seeded from {@code state}: four words per lane, word-major, not all
     * zero for any lane. Uniforms are {@code (k + 1)/2²⁴} and {@code k/2²⁴}, so {@code |z − mean| ≤ 5.77σ}.
     * Logarithm, sine and cosine are polynomials in IEEE arithmetic (absolute error ~1e-7), so the
     * samples do not depend on whether the JIT has compiled this method yet.
     */
    static void gaussian(ByteBuffer target, int n, float mean, float std, int[] state) {
        IntVector s0 = IntVector.fromArray(I, state, 0);
        IntVector s1 = IntVector.fromArray(I, state, LANES);
        IntVector s2 = IntVector.fromArray(I, state, 2 * LANES);
        IntVector s3 = IntVector.fromArray(I, state, 3 * LANES);
        float[] rest = null;
        for (int i = 0; i < n; i += 2 * LANES) {
            IntVector first = s0.add(s3);
            IntVector t = s1.lanewise(VectorOperators.LSHL, 9);
            s2 = s2.lanewise(VectorOperators.XOR, s0);
            s3 = s3.lanewise(VectorOperators.XOR, s1);
            s1 = s1.lanewise(VectorOperators.XOR, s2);
            s0 = s0.lanewise(VectorOperators.XOR, s3);
            s2 = s2.lanewise(VectorOperators.XOR, t);
            s3 = s3.lanewise(VectorOperators.ROL, 11);
            IntVector second = s0.add(s3);
            t = s1.lanewise(VectorOperators.LSHL, 9);
            s2 = s2.lanewise(VectorOperators.XOR, s0);
            s3 = s3.lanewise(VectorOperators.XOR, s1);
            s1 = s1.lanewise(VectorOperators.XOR, s2);
            s0 = s0.lanewise(VectorOperators.XOR, s3);
            s2 = s2.lanewise(VectorOperators.XOR, t);
            s3 = s3.lanewise(VectorOperators.ROL, 11);
            FloatVector u1 = ((FloatVector) first.lanewise(VectorOperators.LSHR, 8).add(1).convert(VectorOperators.I2F, 0))
                    .mul(0x1p-24f);
            FloatVector radius = VectorMath.log(u1).mul(-2f).lanewise(VectorOperators.SQRT).mul(std);
            // the angle 2π·k/2²⁴: quadrant from k's top two bits, the rest an angle in [0, π/2)
            IntVector k = second.lanewise(VectorOperators.LSHR, 8);
            IntVector quadrant = k.lanewise(VectorOperators.LSHR, 22);
            FloatVector phi = ((FloatVector) k.lanewise(VectorOperators.AND, 0x3FFFFF).convert(VectorOperators.I2F, 0))
                    .mul((float) (Math.PI / 2 * 0x1p-22));
            FloatVector p = phi.mul(phi);
            FloatVector sin = p.mul(-1f / 39916800).add(1f / 362880).mul(p).add(-1f / 5040).mul(p).add(1f / 120).mul(p)
                    .add(-1f / 6).mul(p).add(1f).mul(phi);
            FloatVector cos = p.mul(1f / 479001600).add(-1f / 3628800).mul(p).add(1f / 40320).mul(p).add(-1f / 720).mul(p)
                    .add(1f / 24).mul(p).add(-0.5f).mul(p).add(1f);
            VectorMask<Float> q1 = quadrant.compare(VectorOperators.EQ, 1).cast(S);
            VectorMask<Float> q2 = quadrant.compare(VectorOperators.EQ, 2).cast(S);
            VectorMask<Float> q3 = quadrant.compare(VectorOperators.EQ, 3).cast(S);
            FloatVector cosTheta = cos.blend(sin.neg(), q1).blend(cos.neg(), q2).blend(sin, q3);
            FloatVector sinTheta = sin.blend(cos, q1).blend(sin.neg(), q2).blend(cos.neg(), q3);
            FloatVector z0 = radius.mul(cosTheta).add(mean);
            FloatVector z1 = radius.mul(sinTheta).add(mean);
            if (i + 2 * LANES <= n) {
                z0.intoByteBuffer(target, 4 * i, ORDER);
                z1.intoByteBuffer(target, 4 * (i + LANES), ORDER);
            } else {
                rest = new float[2 * LANES];
                z0.intoArray(rest, 0);
                z1.intoArray(rest, LANES);
                for (int j = i; j < n; j++) {
                    target.putFloat(4 * j, rest[j - i]);
                }
            }
        }
    }

    /**
     * One Adam step over {@code n} values, in place: {@code m ← β₁m + (1−β₁)g}, {@code v ← β₂v + (1−β₂)g²}
     * (moments below the smallest normal float flushed to zero: a subnormal costs ~100 cycles per
     * operation), {@code θ ← θ − α·m/(√v + ε)}. A block of at least {@code 2¹⁶} values is split in two
     * halves, the upper one run by the common fork-join pool (~3 % faster steps for the vanilla model;
     * the update is memory-bound).
     */
    static void adam(ByteBuffer theta, ByteBuffer g, ByteBuffer m, ByteBuffer v, int n, float alpha, float beta1,
                     float beta2, float epsilon) {
        adamOfSum(theta, g, 1f, null, 0f, m, v, n, alpha, beta1, beta2, epsilon);
    }

    /**
     * {@link #adam} with the gradient {@code a·g + b·other} (two lanes' gradients and their shares, added as
     * {@link #scaleAdd} adds them: the same bits), both left as they are; with {@code other} null, {@code g} itself. One
     * pass over the six arrays (eight streams) instead of the combination's three and Adam's seven.
     */
    static void adamOfSum(ByteBuffer theta, ByteBuffer g, float a, ByteBuffer other, float b, ByteBuffer m, ByteBuffer v, int n,
                          float alpha, float beta1, float beta2, float epsilon) {
        if (n < PARALLEL_ADAM) {
            adam(theta, g, a, other, b, m, v, 0, n, alpha, beta1, beta2, epsilon);
            return;
        }
        int half = S.loopBound(n / 2);
        Lanes.split(() -> adam(theta, g, a, other, b, m, v, 0, half, alpha, beta1, beta2, epsilon),
                () -> adam(theta, g, a, other, b, m, v, half, n, alpha, beta1, beta2, epsilon));
    }

    private static void adam(ByteBuffer theta, ByteBuffer g, float a, ByteBuffer other, float b, ByteBuffer m, ByteBuffer v, int from,
                             int n, float alpha, float beta1, float beta2, float epsilon) {
        float c1 = 1 - beta1;
        float c2 = 1 - beta2;
        int bound = from + S.loopBound(n - from);
        int i = from;
        for (; i < bound; i += LANES) {
            int at = 4 * i;
            FloatVector gi = FloatVector.fromByteBuffer(S, g, at, ORDER);
            if (other != null) {                   // invariant: the loop is compiled once for each case
                gi = gi.mul(a).add(FloatVector.fromByteBuffer(S, other, at, ORDER).mul(b));
            }
            FloatVector mi = FloatVector.fromByteBuffer(S, m, at, ORDER).mul(beta1).add(gi.mul(c1));
            FloatVector vi = FloatVector.fromByteBuffer(S, v, at, ORDER).mul(beta2).add(gi.mul(gi).mul(c2));
            mi = mi.blend(ZERO, mi.abs().compare(VectorOperators.LT, Float.MIN_NORMAL));
            vi = vi.blend(ZERO, vi.compare(VectorOperators.LT, Float.MIN_NORMAL));
            mi.intoByteBuffer(m, at, ORDER);
            vi.intoByteBuffer(v, at, ORDER);
            FloatVector step = mi.mul(alpha).div(vi.lanewise(VectorOperators.SQRT).add(epsilon));
            FloatVector.fromByteBuffer(S, theta, at, ORDER).sub(step).intoByteBuffer(theta, at, ORDER);
        }
        for (; i < n; i++) {               // the vector body's operations in its order: the same bits wherever a split falls
            int at = 4 * i;
            float gi = g.getFloat(at);
            if (other != null) {
                gi = a * gi + b * other.getFloat(at);
            }
            float mi = flush(m.getFloat(at) * beta1 + gi * c1);
            float vi = flush(v.getFloat(at) * beta2 + gi * gi * c2);
            m.putFloat(at, mi);
            v.putFloat(at, vi);
            theta.putFloat(at, theta.getFloat(at) - mi * alpha / ((float) Math.sqrt(vi) + epsilon));
        }
    }

    private static float flush(float x) {
        return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }


    private static float apply(float z, Kernels.Pointwise f) {
        return switch (f) {
            case IDENTITY -> z;
            case RELU -> Math.max(z, 0f);
            case SIGMOID -> 1f / (1f + (float) Math.exp(-z));
            case TANH -> (float) Math.tanh(z);
        };
    }

    /** {@code g ⊙ f′} with {@code f′} from the output {@code y}: [y > 0], y(1 − y), 1 − y². */
    private static FloatVector derivativeTimes(FloatVector y, FloatVector g, Kernels.Pointwise f) {
        return switch (f) {
            case IDENTITY -> g;
            case RELU -> g.blend(ZERO, y.compare(VectorOperators.LE, 0f));
            case SIGMOID -> g.mul(y.mul(ONE.sub(y)));
            case TANH -> g.mul(ONE.sub(y.mul(y)));
        };
    }

    private static float derivativeTimes(float y, float g, Kernels.Pointwise f) {
        return switch (f) {
            case IDENTITY -> g;
            case RELU -> y > 0 ? g : 0f;
            case SIGMOID -> g * (y * (1 - y));
            case TANH -> g * (1 - y * y);
        };
    }
}
