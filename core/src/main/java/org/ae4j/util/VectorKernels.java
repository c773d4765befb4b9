package org.ae4j.util;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused float kernels behind {@link Fused}, written with the Vector API (JDK 17's incubating
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
    private static final float LOG2E = (float) (1 / Math.log(2));
    private static final float ROUNDER = 0x1.8p23f;
    private static final float LN2_HI = 0.693145751953125f;
    private static final float LN2_LO = 1.428606765330187e-6f;
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
    static void biasActivation(ByteBuffer y, ByteBuffer b, int rows, int cols, Fused.Pointwise f) {
        switch (f) {
            case IDENTITY, RELU -> biasPiecewiseLinear(y, b, rows, cols, f);
            case SIGMOID -> biasSigmoid(y, b, rows, cols);
            case TANH -> biasTanh(y, b, rows, cols);
        }
    }

    /** Identity or ReLU (a loop-invariant choice the JIT takes out of the loop). */
    private static void biasPiecewiseLinear(ByteBuffer y, ByteBuffer b, int rows, int cols, Fused.Pointwise f) {
        boolean relu = f == Fused.Pointwise.RELU;
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
                sigmoid(z).intoByteBuffer(y, row + 4 * c, ORDER);
            }
            tail(y, b, row, c, cols, Fused.Pointwise.SIGMOID);
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
                tanh(z).intoByteBuffer(y, row + 4 * c, ORDER);
            }
            tail(y, b, row, c, cols, Fused.Pointwise.TANH);
        }
    }

    /** The columns from {@code c} on of one row, scalar. */
    private static void tail(ByteBuffer y, ByteBuffer b, int row, int c, int cols, Fused.Pointwise f) {
        for (; c < cols; c++) {
            y.putFloat(row + 4 * c, apply(y.getFloat(row + 4 * c) + b.getFloat(4 * c), f));
        }
    }

    /**
     * {@code g ← g ⊙ f′(y)} over a {@code [rows, cols]} block, and {@code biasGradient[c] += Σ_r g[r, c]}
     * (summed in float, as a product with a row of ones would).
     */
    static void backpropWithBias(ByteBuffer y, ByteBuffer g, ByteBuffer biasGradient, int rows, int cols, Fused.Pointwise f) {
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
                if (f != Fused.Pointwise.IDENTITY) {
                    gv = derivativeTimes(FloatVector.fromByteBuffer(S, y, row + 4 * c, ORDER), gv, f);
                    gv.intoByteBuffer(g, row + 4 * c, ORDER);
                }
                FloatVector.fromArray(S, sums, c).add(gv).intoArray(sums, c);
            }
            for (; c < cols; c++) {
                float gc = g.getFloat(row + 4 * c);
                if (f != Fused.Pointwise.IDENTITY) {
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

    /**
     * Bernoulli negative log-likelihood on logits {@code s}: returns {@code Σ max(s,0) − s·x + log(1 + e^{−|s|})}
     * (Kahan-compensated float lanes, then double) and writes {@code gradient ← scale·(σ(s) − x)}, with
     * {@code σ} from the same {@code e^{−|s|}}.
     */
    static double bernoulliLogits(ByteBuffer logits, ByteBuffer target, ByteBuffer gradient, int n, float scale) {
        FloatVector sum = FloatVector.zero(S);
        FloatVector lost = FloatVector.zero(S);
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) {
            int at = 4 * i;
            FloatVector s = FloatVector.fromByteBuffer(S, logits, at, ORDER);
            FloatVector x = FloatVector.fromByteBuffer(S, target, at, ORDER);
            FloatVector e = exp(s.abs().neg());
            // log(1 + e) = 2·atanh(q), q = e/(2 + e) ∈ [0, 1/3]: the series to q¹⁵ (error < 1e-9), written out here
            // because a helper method of vectors left this loop three times slower (C2 did not inline it)
            FloatVector q = e.div(e.add(2f));
            FloatVector q2 = q.mul(q);
            FloatVector log1p = q2.fma(1f / 15, 1f / 13).fma(q2, FloatVector.broadcast(S, 1f / 11)).fma(q2, FloatVector.broadcast(S, 1f / 9))
                    .fma(q2, FloatVector.broadcast(S, 1f / 7)).fma(q2, FloatVector.broadcast(S, 1f / 5))
                    .fma(q2, FloatVector.broadcast(S, 1f / 3)).fma(q2, ONE).mul(q.add(q));
            FloatVector nll = s.max(ZERO).sub(s.mul(x)).add(log1p);
            FloatVector y = nll.sub(lost);
            FloatVector t = sum.add(y);
            lost = t.sub(sum).sub(y);
            sum = t;
            FloatVector inverse = ONE.div(ONE.add(e));
            FloatVector sigmoid = inverse.blend(e.mul(inverse), s.compare(VectorOperators.LT, 0f));
            sigmoid.sub(x).mul(scale).intoByteBuffer(gradient, at, ORDER);
        }
        double total = sum.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            int at = 4 * i;
            float s = logits.getFloat(at);
            float x = target.getFloat(at);
            float e = (float) Math.exp(-Math.abs(s));
            total += Math.max(s, 0f) - s * x + (float) Math.log1p(e);
            float sigmoid = s >= 0 ? 1f / (1f + e) : e / (1f + e);
            gradient.putFloat(at, scale * (sigmoid - x));
        }
        return total;
    }

    /**
     * The contractive penalty of a sigmoid layer {@code h = σ(xW + b)} in closed form:
     * {@code R = scale·Σ_b Σ_j d²_bj s_j} with {@code d = h(1 − h)}, {@code s_j = Σ_i W²_ij}; writes
     * {@code ∂R/∂h = 2·scale·d(1 − 2h)s} into {@code hGradient} and adds {@code ∂R/∂W = 2·scale·W·diag(Σ_b d²)}
     * to {@code wGradient}. Returns R. Three passes: W, h, W.
     */
    static double sigmoidJacobianPenalty(ByteBuffer h, ByteBuffer w, ByteBuffer wGradient, ByteBuffer hGradient, int batch,
                                         int inputs, int units, float scale) {
        float[] s = new float[units];
        float[] q = new float[units];
        float[] partial = new float[units];
        int bound = S.loopBound(units);
        for (int i = 0; i < inputs; i++) {
            int row = 4 * i * units;
            int c = 0;
            for (; c < bound; c += LANES) {
                FloatVector wv = FloatVector.fromByteBuffer(S, w, row + 4 * c, ORDER);
                FloatVector.fromArray(S, s, c).add(wv.mul(wv)).intoArray(s, c);
            }
            for (; c < units; c++) {
                float wc = w.getFloat(row + 4 * c);
                s[c] += wc * wc;
            }
        }
        float twice = 2 * scale;
        for (int b = 0; b < batch; b++) {
            int row = 4 * b * units;
            int c = 0;
            for (; c < bound; c += LANES) {
                FloatVector hv = FloatVector.fromByteBuffer(S, h, row + 4 * c, ORDER);
                FloatVector d = hv.sub(hv.mul(hv));
                FloatVector d2 = d.mul(d);
                FloatVector sv = FloatVector.fromArray(S, s, c);
                FloatVector.fromArray(S, partial, c).add(d2.mul(sv)).intoArray(partial, c);
                FloatVector.fromArray(S, q, c).add(d2).intoArray(q, c);
                d.mul(ONE.sub(hv.add(hv))).mul(sv).mul(twice).intoByteBuffer(hGradient, row + 4 * c, ORDER);
            }
            for (; c < units; c++) {
                float hc = h.getFloat(row + 4 * c);
                float d = hc - hc * hc;
                partial[c] += d * d * s[c];
                q[c] += d * d;
                hGradient.putFloat(row + 4 * c, twice * d * (1 - 2 * hc) * s[c]);
            }
        }
        for (int i = 0; i < inputs; i++) {
            int row = 4 * i * units;
            int c = 0;
            for (; c < bound; c += LANES) {
                FloatVector wv = FloatVector.fromByteBuffer(S, w, row + 4 * c, ORDER);
                FloatVector gv = FloatVector.fromByteBuffer(S, wGradient, row + 4 * c, ORDER);
                gv.add(wv.mul(FloatVector.fromArray(S, q, c)).mul(twice)).intoByteBuffer(wGradient, row + 4 * c, ORDER);
            }
            for (; c < units; c++) {
                wGradient.putFloat(row + 4 * c, wGradient.getFloat(row + 4 * c) + twice * w.getFloat(row + 4 * c) * q[c]);
            }
        }
        double value = 0;
        for (float p : partial) {
            value += p;
        }
        return scale * value;
    }

    /**
     * {@code eˣ} from IEEE arithmetic alone (Cody–Waite reduction by ln 2, a degree-7 polynomial, the
     * power of two put into the exponent bits), for x clamped to [−87.3, 88] (results stay normal and
     * finite); relative error ~1e-7. Like {@link #log} it rounds the same interpreted and compiled.
     */
    private static FloatVector exp(FloatVector x) {
        FloatVector clamped = x.max(-87.3f).min(88f);
        // adding 1.5·2²³ rounds to an integer, which then sits in the low bits (no float-to-int
        // conversion: JDK 17 does not compile that one to vector code)
        FloatVector shifted = clamped.fma(LOG2E, ROUNDER);
        FloatVector n = shifted.sub(ROUNDER);
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), clamped).sub(n.mul(LN2_LO));
        // fused multiply-adds: a third faster, and rounded once, the same interpreted and compiled
        FloatVector poly = r.fma(1f / 5040, 1f / 720).fma(r, FloatVector.broadcast(S, 1f / 120)).fma(r, FloatVector.broadcast(S, 1f / 24))
                .fma(r, FloatVector.broadcast(S, 1f / 6)).fma(r, FloatVector.broadcast(S, 0.5f)).fma(r, ONE).fma(r, ONE);
        IntVector power = ((IntVector) shifted.reinterpretAsInts()).sub(0x4B400000 - 127).lanewise(VectorOperators.LSHL, 23);
        return poly.mul((FloatVector) power.reinterpretAsFloats());
    }

    private static FloatVector sigmoid(FloatVector z) {
        return ONE.div(ONE.add(exp(z.neg())));
    }

    /** {@code tanh z = sign(z)·(1 − 2/(e^{2|z|} + 1))} on {@link #exp}; absolute error ~1e-7. */
    private static FloatVector tanh(FloatVector z) {
        FloatVector magnitude = ONE.sub(FloatVector.broadcast(S, 2f).div(exp(z.abs().mul(2f)).add(1f)));
        return magnitude.blend(magnitude.neg(), z.compare(VectorOperators.LT, 0f));
    }

    /**
     * The natural logarithm of positive normal floats from IEEE arithmetic alone: the exponent from the
     * bits, the mantissa folded into [√½, √2) and {@code ln m = 2·atanh((m − 1)/(m + 1))} by its series
     * to the ninth power (error below 1e-9 there). Unlike {@code VectorOperators.LOG} it rounds the same
     * interpreted and compiled, so the same seed gives the same noise in every JVM.
     */
    private static FloatVector log(FloatVector x) {
        IntVector bits = (IntVector) x.reinterpretAsInts();
        FloatVector exponent = (FloatVector) bits.lanewise(VectorOperators.LSHR, 23).sub(127).convert(VectorOperators.I2F, 0);
        FloatVector mantissa = (FloatVector) bits.lanewise(VectorOperators.AND, 0x007FFFFF).lanewise(VectorOperators.OR, 0x3F800000)
                .reinterpretAsFloats();
        VectorMask<Float> high = mantissa.compare(VectorOperators.GT, (float) Math.sqrt(2));
        mantissa = mantissa.blend(mantissa.mul(0.5f), high);
        exponent = exponent.blend(exponent.add(1f), high);
        FloatVector t = mantissa.sub(1f).div(mantissa.add(1f));
        FloatVector t2 = t.mul(t);
        FloatVector series = t2.mul(1f / 9).add(1f / 7).mul(t2).add(1f / 5).mul(t2).add(1f / 3).mul(t2).add(1f);
        return exponent.mul((float) Math.log(2)).add(t.mul(2f).mul(series));
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
            FloatVector radius = log(u1).mul(-2f).lanewise(VectorOperators.SQRT).mul(std);
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
        if (n < PARALLEL_ADAM) {
            adam(theta, g, m, v, 0, n, alpha, beta1, beta2, epsilon);
            return;
        }
        int half = S.loopBound(n / 2);
        Lanes.split(() -> adam(theta, g, m, v, 0, half, alpha, beta1, beta2, epsilon),
                () -> adam(theta, g, m, v, half, n, alpha, beta1, beta2, epsilon));
    }

    private static void adam(ByteBuffer theta, ByteBuffer g, ByteBuffer m, ByteBuffer v, int from, int n, float alpha,
                             float beta1, float beta2, float epsilon) {
        float c1 = 1 - beta1;
        float c2 = 1 - beta2;
        int bound = from + S.loopBound(n - from);
        int i = from;
        for (; i < bound; i += LANES) {
            int at = 4 * i;
            FloatVector gi = FloatVector.fromByteBuffer(S, g, at, ORDER);
            FloatVector mi = FloatVector.fromByteBuffer(S, m, at, ORDER).mul(beta1).add(gi.mul(c1));
            FloatVector vi = FloatVector.fromByteBuffer(S, v, at, ORDER).mul(beta2).add(gi.mul(gi).mul(c2));
            mi = mi.blend(ZERO, mi.abs().compare(VectorOperators.LT, Float.MIN_NORMAL));
            vi = vi.blend(ZERO, vi.compare(VectorOperators.LT, Float.MIN_NORMAL));
            mi.intoByteBuffer(m, at, ORDER);
            vi.intoByteBuffer(v, at, ORDER);
            FloatVector step = mi.mul(alpha).div(vi.lanewise(VectorOperators.SQRT).add(epsilon));
            FloatVector.fromByteBuffer(S, theta, at, ORDER).sub(step).intoByteBuffer(theta, at, ORDER);
        }
        for (; i < n; i++) {
            int at = 4 * i;
            float gi = g.getFloat(at);
            float mi = flush(beta1 * m.getFloat(at) + c1 * gi);
            float vi = flush(beta2 * v.getFloat(at) + c2 * gi * gi);
            m.putFloat(at, mi);
            v.putFloat(at, vi);
            theta.putFloat(at, theta.getFloat(at) - alpha * mi / ((float) Math.sqrt(vi) + epsilon));
        }
    }

    private static float flush(float x) {
        return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }


    private static float apply(float z, Fused.Pointwise f) {
        return switch (f) {
            case IDENTITY -> z;
            case RELU -> Math.max(z, 0f);
            case SIGMOID -> 1f / (1f + (float) Math.exp(-z));
            case TANH -> (float) Math.tanh(z);
        };
    }

    /** {@code g ⊙ f′} with {@code f′} from the output {@code y}: [y > 0], y(1 − y), 1 − y². */
    private static FloatVector derivativeTimes(FloatVector y, FloatVector g, Fused.Pointwise f) {
        return switch (f) {
            case IDENTITY -> g;
            case RELU -> g.blend(ZERO, y.compare(VectorOperators.LE, 0f));
            case SIGMOID -> g.mul(y.mul(ONE.sub(y)));
            case TANH -> g.mul(ONE.sub(y.mul(y)));
        };
    }

    private static float derivativeTimes(float y, float g, Fused.Pointwise f) {
        return switch (f) {
            case IDENTITY -> g;
            case RELU -> y > 0 ? g : 0f;
            case SIGMOID -> g * (y * (1 - y));
            case TANH -> g * (1 - y * y);
        };
    }
}
