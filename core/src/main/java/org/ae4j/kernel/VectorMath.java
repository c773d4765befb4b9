package org.ae4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.ae4j.spi.Kernels;
import org.apiguardian.api.API;

/**
 * Elementary functions of float vectors built from IEEE arithmetic alone — {@code eˣ}, the logarithm,
 * the sigmoid and tanh — for fused kernels, ae4j's own and plug-ins' (chosen through
 * {@link org.ae4j.spi.Kernels#select}). Unlike the Vector API's {@code EXP} and {@code LOG}, which round
 * differently before and after the JIT compiles a kernel, they give the same bits interpreted and
 * compiled, so results do not depend on timing. They work on {@link #SPECIES}, the preferred float
 * shape. Loading this class needs the JVM option {@code --add-modules jdk.incubator.vector}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class VectorMath {

    /** The vector shape every function here takes: the platform's preferred float species. */
    public static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private static final VectorSpecies<Float> S = SPECIES;
    private static final float LOG2E = (float) (1 / Math.log(2));
    private static final float ROUNDER = 0x1.8p23f;
    private static final float LN2_HI = 0.693145751953125f;
    private static final float LN2_LO = 1.428606765330187e-6f;
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    private VectorMath() {
    }

    /**
     * {@code eˣ} from IEEE arithmetic alone (Cody–Waite reduction by ln 2, a degree-7 polynomial, the
     * power of two put into the exponent bits), for x clamped to [−87.3, 88] (results stay normal and
     * finite); relative error ~1e-7. Like {@link #log} it rounds the same interpreted and compiled.
     */
    public static FloatVector exp(FloatVector x) {
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

    /**
     * {@code a[i] ← f(a[i] + bias)} for {@code i} in {@code [from, from + length)}, in place, with the functions above
     * vector by vector and the fused kernels' scalar formulas on a tail shorter than a vector (the same values as the
     * fused kernels' {@code channelBiasActivation} on rows of the same length): for a kernel that applies a layer's bias
     * and activation to a block of its output while the block is still in cache.
     */
    public static void biasActivation(float[] a, int from, int length, float bias, Kernels.Pointwise f) {
        FloatVector b = FloatVector.broadcast(S, bias);
        int end = from + length;
        int bound = from + S.loopBound(length);
        int i = from;
        switch (f) {                         // one loop per function: a shared one was not compiled to vector code
            case IDENTITY -> {
                for (; i < bound; i += S.length()) {
                    FloatVector.fromArray(S, a, i).add(b).intoArray(a, i);
                }
            }
            case RELU -> {
                for (; i < bound; i += S.length()) {
                    FloatVector.fromArray(S, a, i).add(b).max(0f).intoArray(a, i);
                }
            }
            case SIGMOID -> {
                for (; i < bound; i += S.length()) {
                    sigmoid(FloatVector.fromArray(S, a, i).add(b)).intoArray(a, i);
                }
            }
            case TANH -> {
                for (; i < bound; i += S.length()) {
                    tanh(FloatVector.fromArray(S, a, i).add(b)).intoArray(a, i);
                }
            }
        }
        for (; i < end; i++) {
            float z = a[i] + bias;
            a[i] = switch (f) {
                case IDENTITY -> z;
                case RELU -> Math.max(z, 0f);
                case SIGMOID -> 1f / (1f + (float) Math.exp(-z));
                case TANH -> (float) Math.tanh(z);
            };
        }
    }

    public static FloatVector sigmoid(FloatVector z) {
        return ONE.div(ONE.add(exp(z.neg())));
    }

    /** {@code tanh z = sign(z)·(1 − 2/(e^{2|z|} + 1))} on {@link #exp}; absolute error ~1e-7. */
    public static FloatVector tanh(FloatVector z) {
        FloatVector magnitude = ONE.sub(FloatVector.broadcast(S, 2f).div(exp(z.abs().mul(2f)).add(1f)));
        return magnitude.blend(magnitude.neg(), z.compare(VectorOperators.LT, 0f));
    }

    /**
     * The natural logarithm of positive normal floats from IEEE arithmetic alone: the exponent from the
     * bits, the mantissa folded into [√½, √2) and {@code ln m = 2·atanh((m − 1)/(m + 1))} by its series
     * to the ninth power (error below 1e-9 there). Unlike {@code VectorOperators.LOG} it rounds the same
     * interpreted and compiled, so the same seed gives the same noise in every JVM.
     */
    public static FloatVector log(FloatVector x) {
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
}
