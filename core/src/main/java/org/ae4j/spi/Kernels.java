package org.ae4j.spi;

import java.util.function.Supplier;
import org.ae4j.util.Gemm;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The one seam behind which ae4j's arithmetic hot spots run: each method is a whole computation that an
 * implementation does either with ND4J ops or with fused loops straight over ND4J's native memory. An
 * implementation is chosen once — when the {@link Components} (the registry) are made — recorded in a
 * saved model's metadata, and handed to every component that needs one (through {@link BuildContext}
 * or a {@code create(Kernels)} call); components never choose between implementations themselves.
 *
 * <p>Every method computes the same values whichever implementation runs it (up to float rounding);
 * an implementation that cannot handle some arrays (e.g. doubles, for gradient checks) hands them to
 * the ND4J formulation itself. A plug-in with a hot spot of its own writes its two implementations
 * and picks one, once, with {@link #select}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public interface Kernels {

    /** The element-wise functions the fused implementations know (see {@link Activation#pointwise()}). */
    enum Pointwise { IDENTITY, RELU, SIGMOID, TANH }

    /** The implementation's name, recorded in model metadata: {@code "vector-api"} or {@code "nd4j"}. */
    String name();

    /**
     * Whether models computing with these kernels run small stacks of dense layers whole in Java
     * ({@link org.ae4j.nn.DenseStack}) instead of layer by layer in ND4J ops: true for the fused kernels, false for
     * ND4J's (which compute with ND4J's ops alone, for comparisons).
     */
    default boolean fusesSmallLayers() {
        return false;
    }

    /**
     * {@code c ← α·op(a)·op(b) + β·c}, {@code op} transposing where asked — the products of dense layers; returns
     * {@code c}. The default runs ND4J's {@code matmul} ({@link Gemm}); fused implementations compute small products
     * in Java, where ND4J's fixed cost per op (~10–20 µs) would dominate.
     */
    default INDArray gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha, double beta) {
        return Gemm.into(a, b, c, transposeA, transposeB, alpha, beta);
    }

    /** {@code y ← f(y + b)}: the row {@code b} ({@code [1, cols]}) added to each row of {@code y} ({@code [rows, cols]}). */
    void biasActivation(INDArray y, INDArray bias, Activation f);

    /**
     * {@code g ← g ⊙ f′(y)} (the derivative taken from the output {@code y}) and
     * {@code biasGradient += Σ_rows g}; {@code y}, {@code g} are {@code [rows, cols]}, the bias gradient {@code [1, cols]}.
     */
    void backpropWithBias(INDArray y, INDArray g, INDArray biasGradient, Activation f);

    /**
     * {@code y[n, c, …] ← f(y[n, c, …] + b[c])} for an array of channels {@code [batch, channels, …]} (NCHW images)
     * and a bias {@code [channels]}, or {@code y ← f(y)} when {@code bias} is null: a convolution's bias and activation.
     */
    default void channelBiasActivation(INDArray y, INDArray bias, Activation f) {
        if (bias != null) {
            Nd4j.exec(new org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp(y, bias, y, 1));
        }
        f.applyInPlace(y);
    }

    /**
     * {@code g ← g ⊙ f′(y)} (the derivative taken from the output {@code y}) for arrays of channels
     * {@code [batch, channels, …]}, and {@code biasGradient[c] += Σ g[·, c, …]} unless {@code biasGradient} is null;
     * returns {@code g}.
     */
    default INDArray channelBackpropWithBias(INDArray y, INDArray g, INDArray biasGradient, Activation f) {
        INDArray result = f.backpropInPlace(y, g);
        if (biasGradient != null) {
            int[] dims = new int[result.rank() - 1];
            dims[0] = 0;
            for (int i = 1; i < dims.length; i++) {
                dims[i] = i + 1;
            }
            biasGradient.addi(result.sum(dims).reshape(biasGradient.shape()));
        }
        return result;
    }

    /** {@code gradient ← scale·(output − target)}; returns {@code Σ (output − target)²}. Same shapes. */
    double squaredError(INDArray output, INDArray target, INDArray gradient, double scale);

    /**
     * The squared error over the entries where {@code target} is a number: {@code gradient ← output − target} there
     * and 0 where the target is {@code NaN}; returns {@code {Σ (output − target)², count}} over those entries. Same
     * shapes.
     */
    default double[] maskedSquaredError(INDArray output, INDArray target, INDArray gradient) {
        INDArray observed = target.eq(target).castTo(target.dataType());
        gradient.assign(output.sub(missingAsZero(target)).muli(observed));
        return new double[] {gradient.mul(gradient).sumNumber().doubleValue(), observed.sumNumber().doubleValue()};
    }

    /**
     * Each example's mean squared error, {@code [rows]}: over all its entries, or — when {@code skipMissing} — over
     * those where the target is a number (0 for an example with none). Same shapes, examples along the first axis.
     */
    default INDArray meanSquaredErrorPerExample(INDArray output, INDArray target, boolean skipMissing) {
        int[] dims = new int[output.rank() - 1];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = i + 1;
        }
        if (!skipMissing) {
            INDArray diff = output.sub(target);
            return diff.muli(diff).mean(dims);
        }
        INDArray diff = Nd4j.createUninitialized(output.dataType(), output.shape());
        maskedSquaredError(output, target, diff);
        INDArray counts = target.eq(target).castTo(target.dataType()).sum(dims);
        BooleanIndexing.replaceWhere(counts, 1.0, Conditions.equals(0.0));     // nothing observed: 0/1
        return diff.muli(diff).sum(dims).divi(counts);
    }

    /** A copy of {@code x} with its {@code NaN} entries (missing values) set to 0. */
    default INDArray missingAsZero(INDArray x) {
        INDArray filled = x.dup();
        BooleanIndexing.replaceWhere(filled, 0.0, Conditions.isNan());
        return filled;
    }

    /** {@code target ← a·target + b·other} over equally long arrays. */
    void scaleAdd(INDArray target, double a, INDArray other, double b);

    /**
     * One Adam step in place (Kingma &amp; Ba, 2015): {@code m ← β₁m + (1−β₁)g}, {@code v ← β₂v + (1−β₂)g²},
     * {@code θ ← θ − αₜ·m/(√v + ε)} with {@code αₜ = α·√(1−β₂ᵗ)/(1−β₁ᵗ)}, {@code t = iteration + 1}. All
     * four arrays equally long; {@code gradient} may be overwritten.
     */
    void adam(INDArray theta, INDArray gradient, INDArray m, INDArray v, long iteration, double learningRate, double beta1,
              double beta2, double epsilon);

    /**
     * {@link #adam} with the gradient {@code g = a·gradient + b·other} — two data-parallel lanes' gradients and their
     * shares of the batch — in one pass, {@code gradient} and {@code other} left as they are; returns false,
     * nothing changed, where the kernels have no such pass for these arrays (the caller then combines the gradients and
     * calls {@link #adam}). The default has none.
     */
    default boolean adamOfSum(INDArray theta, INDArray gradient, double a, INDArray other, double b, INDArray m, INDArray v,
                              long iteration, double learningRate, double beta1, double beta2, double epsilon) {
        return false;
    }

    /** {@code Σ_rows a} of a {@code [rows, cols]} array, summed in double: small statistics such as mean activations. */
    double[] columnSums(INDArray a);

    /** A new {@code [rows, row.length]} array of {@code type} whose every row is {@code row}. */
    INDArray repeatRow(double[] row, long rows, org.nd4j.linalg.api.buffer.DataType type);

    /** Fills {@code target} with independent N(mean, std²) samples drawn from {@code random}; returns it. */
    INDArray gaussian(INDArray target, double mean, double std, RandomSource random);

    /**
     * Chooses, once, between a plug-in's own two implementations of a kernel: {@code vectorApi}'s when these
     * are the Vector-API kernels, else {@code nd4j}'s. Call it when a component is made, never per batch. The
     * vectorised class is loaded only when chosen.
     */
    <K> K select(Supplier<? extends K> nd4j, Supplier<? extends K> vectorApi);
}
