package org.ae4j.util;

import java.nio.ByteBuffer;
import org.apiguardian.api.API;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fused kernels for the training hot path: one pass over ND4J's native memory where ND4J needs two to
 * fifteen ops (each ~10–20 µs of dispatch here): a dense layer's bias and activation, and its
 * activation derivative with the bias gradient; the squared error, or the Bernoulli log-likelihood on
 * logits, with its gradient; the closed-form contractive penalty of a sigmoid layer; Gaussian noise;
 * Adam's update of a whole parameter block. {@link #floats} gives small Java-side kernels elsewhere the
 * same access.
 *
 * <p>They run when the JVM has the Vector API module — start it with
 * {@code --add-modules jdk.incubator.vector} (the {@code ae4j} launcher, the Maven build and the
 * benchmarks do) — on float arrays in C order with default strides, and are switched off by
 * {@code -Dae4j.fused=false}. Otherwise each method returns {@code false} (or {@code NaN}) and the
 * caller takes its ND4J path, which computes the same values.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Fused {

    /** The element-wise functions the kernels know. */
    public enum Pointwise { IDENTITY, RELU, SIGMOID, TANH }

    private static final Logger LOG = LoggerFactory.getLogger(Fused.class);
    private static final boolean AVAILABLE = available();
    private static volatile boolean enabled = AVAILABLE && !"false".equals(System.getProperty("ae4j.fused"));

    private Fused() {
    }

    private static boolean available() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            LOG.info("fused kernels off: start the JVM with --add-modules jdk.incubator.vector to use them");
            return false;
        }
        try {
            LOG.debug("fused kernels on, {}", VectorKernels.species());
            return true;
        } catch (LinkageError e) {
            LOG.warn("fused kernels off: the Vector API failed to load ({})", e.toString());
            return false;
        }
    }

    /** Whether the kernels are in use. */
    public static boolean enabled() {
        return enabled;
    }

    /**
     * Turns the kernels on or off (for tests and before/after measurements); returns the previous
     * setting. They cannot be turned on without the Vector API module.
     */
    public static boolean setEnabled(boolean on) {
        boolean previous = enabled;
        enabled = on && AVAILABLE;
        return previous;
    }

    /** The kernel of a built-in activation, or {@code null} for any other. */
    public static Pointwise of(org.ae4j.spi.Activation activation) {
        return switch (activation.getClass().getName()) {
            case "org.ae4j.nn.Identity" -> Pointwise.IDENTITY;
            case "org.ae4j.nn.Relu" -> Pointwise.RELU;
            case "org.ae4j.nn.Sigmoid" -> Pointwise.SIGMOID;
            case "org.ae4j.nn.Tanh" -> Pointwise.TANH;
            default -> null;
        };
    }

    /**
     * {@code y ← f(y + b)} with the row {@code b} ({@code [1, cols]} or {@code [cols]}) added to every
     * row of {@code y} ({@code [rows, cols]}). Returns {@code false}, touching nothing, if it cannot.
     */
    public static boolean biasActivation(INDArray y, INDArray bias, Pointwise f) {
        if (f == null || !enabled || y.rank() != 2 || bias.length() != y.size(1) || !plain(y) || !plain(bias)) {
            return false;
        }
        VectorKernels.biasActivation(bytes(y), bytes(bias), (int) y.size(0), (int) y.size(1), f);
        keepAlive(y, bias);
        return true;
    }

    /**
     * {@code g ← g ⊙ f′(y)} (the derivative taken from the output {@code y}) and
     * {@code biasGradient += Σ_rows g}. Returns {@code false}, touching nothing, if it cannot.
     */
    public static boolean backpropWithBias(INDArray y, INDArray g, INDArray biasGradient, Pointwise f) {
        if (f == null || !enabled || g.rank() != 2 || !g.equalShapes(y) || biasGradient.length() != g.size(1)
                || !plain(y) || !plain(g) || !plain(biasGradient)) {
            return false;
        }
        VectorKernels.backpropWithBias(bytes(y), bytes(g), bytes(biasGradient), (int) g.size(0), (int) g.size(1), f);
        keepAlive(y, g, biasGradient);
        return true;
    }

    /**
     * {@code gradient ← scale·(output − target)}; returns {@code Σ (output − target)²}, or {@code NaN},
     * touching nothing, if it cannot.
     */
    public static double squaredError(INDArray output, INDArray target, INDArray gradient, double scale) {
        if (!enabled || !output.equalShapes(target) || !output.equalShapes(gradient) || !plain(output) || !plain(target)
                || !plain(gradient)) {
            return Double.NaN;
        }
        double sum = VectorKernels.squaredError(bytes(output), bytes(target), bytes(gradient), (int) output.length(), (float) scale);
        keepAlive(output, target, gradient);
        return sum;
    }

    /**
     * The Bernoulli negative log-likelihood of {@code target} under {@code logits}, summed over every
     * value, and {@code gradient ← scale·(σ(logits) − target)}; {@code NaN}, touching nothing, if it cannot.
     */
    public static double bernoulliLogits(INDArray logits, INDArray target, INDArray gradient, double scale) {
        if (!enabled || !logits.equalShapes(target) || !logits.equalShapes(gradient) || !plain(logits) || !plain(target)
                || !plain(gradient)) {
            return Double.NaN;
        }
        double sum = VectorKernels.bernoulliLogits(bytes(logits), bytes(target), bytes(gradient), (int) logits.length(), (float) scale);
        keepAlive(logits, target, gradient);
        return sum;
    }

    /**
     * The closed-form contractive penalty {@code scale·‖∂h/∂x‖²_F} of a sigmoid layer {@code h = σ(xW + b)}
     * ({@code h [batch, units]}, {@code W [inputs, units]}): writes {@code ∂R/∂h} into {@code hGradient},
     * adds {@code ∂R/∂W} to {@code wGradient} and returns the penalty; {@code NaN}, touching nothing, if it cannot.
     */
    public static double sigmoidJacobianPenalty(INDArray h, INDArray w, INDArray wGradient, INDArray hGradient, double scale) {
        if (!enabled || h.rank() != 2 || w.rank() != 2 || h.size(1) != w.size(1) || !w.equalShapes(wGradient)
                || !h.equalShapes(hGradient) || !plain(h) || !plain(w) || !plain(wGradient) || !plain(hGradient)) {
            return Double.NaN;
        }
        double penalty = VectorKernels.sigmoidJacobianPenalty(bytes(h), bytes(w), bytes(wGradient), bytes(hGradient), (int) h.size(0),
                (int) w.size(0), (int) w.size(1), (float) scale);
        keepAlive(h, w, wGradient, hGradient);
        return penalty;
    }

    /**
     * Fills {@code target} with N(mean, std²) samples from generators seeded by {@code random}
     * (vectorised Box–Muller on xoshiro128+; samples lie within 5.77σ of the mean). Returns
     * {@code false}, drawing nothing from {@code random}, if it cannot.
     */
    public static boolean gaussian(INDArray target, double mean, double std, java.util.SplittableRandom random) {
        if (!enabled || !plain(target)) {
            return false;
        }
        int lanes = VectorKernels.gaussianLanes();
        int[] state = new int[4 * lanes];
        for (int i = 0; i < state.length; i++) {
            state[i] = random.nextInt();
        }
        for (int lane = 0; lane < lanes; lane++) {                 // xoshiro's state must not be all zero
            if ((state[lane] | state[lanes + lane] | state[2 * lanes + lane] | state[3 * lanes + lane]) == 0) {
                state[lane] = 1;
            }
        }
        VectorKernels.gaussian(bytes(target), (int) target.length(), (float) mean, (float) std, state);
        keepAlive(target);
        return true;
    }

    /**
     * One Adam step in place over equally long float arrays (see {@code org.ae4j.optim.Adam}), with
     * subnormal moments flushed to zero. Returns {@code false}, touching nothing, if it cannot.
     */
    public static boolean adam(INDArray theta, INDArray gradient, INDArray m, INDArray v, double alpha, double beta1,
                               double beta2, double epsilon) {
        long n = theta.length();
        if (!enabled || gradient.length() != n || m.length() != n || v.length() != n || !plain(theta) || !plain(gradient)
                || !plain(m) || !plain(v)) {
            return false;
        }
        VectorKernels.adam(bytes(theta), bytes(gradient), bytes(m), bytes(v), (int) n, (float) alpha, (float) beta1, (float) beta2,
                (float) epsilon);
        keepAlive(theta, gradient, m, v);
        return true;
    }

    /**
     * {@code target ← a·target + b·other} over equally long float arrays; returns {@code false},
     * touching nothing, if it cannot.
     */
    public static boolean scaleAdd(INDArray target, double a, INDArray other, double b) {
        if (!enabled || other.length() != target.length() || !plain(target) || !plain(other)) {
            return false;
        }
        VectorKernels.scaleAdd(bytes(target), (float) a, bytes(other), (float) b, (int) target.length());
        keepAlive(target, other);
        return true;
    }

    /**
     * The elements of a float array in C order as a buffer over its native memory (no copy), for small
     * Java-side kernels; {@code null} if the array is not such an array. Needs no Vector API; valid
     * while the array lives (the buffer does not keep it alive: hold the array, or fence it with
     * {@link java.lang.ref.Reference#reachabilityFence}, until the last access).
     */
    public static java.nio.FloatBuffer floats(INDArray a) {
        return plain(a) ? bytes(a).asFloatBuffer() : null;
    }

    /** A float array whose elements lie in C order one after another in its buffer (views included; ND4J calls 1-D views 'f'). */
    private static boolean plain(INDArray a) {
        if (a.dataType() != DataType.FLOAT || a.isEmpty() || a.rank() > 1 && a.ordering() != 'c') {
            return false;
        }
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        Pointer memory = a.data().pointer();
        long end = a.offset() + a.length();
        return memory != null && memory.position() == 0 && memory.limit() >= end && end * 4 <= Integer.MAX_VALUE;
    }

    /**
     * Keeps the arrays (and so their native memory) reachable until the kernel that reads their buffers
     * has returned: a direct buffer made from a pointer does not hold its owner.
     */
    private static void keepAlive(INDArray... arrays) {
        java.lang.ref.Reference.reachabilityFence(arrays);
    }

    /** The array's elements as a direct buffer in native order, starting at its first element. */
    private static ByteBuffer bytes(INDArray a) {
        ByteBuffer whole = a.data().pointer().asByteBuffer();
        int start = Math.toIntExact(a.offset() * 4);
        return whole.position(start).limit(start + Math.toIntExact(a.length() * 4)).slice().order(java.nio.ByteOrder.nativeOrder());
    }
}
