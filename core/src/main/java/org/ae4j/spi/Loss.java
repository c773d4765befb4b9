package org.ae4j.spi;

import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A reconstruction loss {@code L(output, target)} over a batch {@code [batch, …]}.
 *
 * <p>{@code output} is the decoder's raw output: data-space values for MSE, logits for the
 * logits-stable binary cross-entropy. {@link #reconstruction} maps it to data space. Implementations
 * are stateless and document their reduction (e.g. mean over every element).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Loss {

    /** The registered name, e.g. {@code "mse"}. */
    String name();

    /** The loss and its gradient with respect to {@code output}. Neither argument is modified. */
    LossResult evaluate(INDArray output, INDArray target);

    /** The loss without its gradient. */
    double value(INDArray output, INDArray target);

    /** The per-example loss, {@code [batch]}, on the same scale as {@link #value} (for scoring). */
    INDArray perExample(INDArray output, INDArray target);

    /** Maps the raw output to data space (identity for MSE, the sigmoid for logits). Returns a new array. */
    INDArray reconstruction(INDArray output);

    /**
     * {@link #reconstruction} of an output the caller made and will not read again: may map it in place, on
     * {@code kernels}, and return it (a loss whose output is in data space returns it as it is). By default
     * {@link #reconstruction}.
     */
    default INDArray reconstructionInPlace(INDArray output, Kernels kernels) {
        return reconstruction(output);
    }

    /**
     * The per-example shape of the raw output this loss expects for data of {@code dataShape}: the same
     * by default; e.g. {@code [2·d]} for a Gaussian likelihood that also predicts a variance per value.
     */
    default long[] outputShape(long[] dataShape) {
        return dataShape.clone();
    }

    /**
     * The raw output, {@code [1, outputs]}, that best fits data with this per-value mean and variance
     * before anything is learned (the mean itself; its log-odds for a logits loss), used to start a
     * linear output layer's bias there. Empty when the loss defines none.
     *
     * @param mean     per-value mean of the training data, {@code [1, values]}
     * @param variance per-value variance, {@code [1, values]}
     */
    default java.util.Optional<INDArray> initialOutput(INDArray mean, INDArray variance) {
        return java.util.Optional.empty();
    }

    /**
     * Whether this loss skips target entries that are {@code NaN} (missing values): a model with such a loss
     * replaces missing entries of its input by 0 before its encoder sees them, in training and at inference.
     * False by default: a {@code NaN} then makes the loss {@code NaN}, which the trainer stops on.
     */
    default boolean skipsMissingTargets() {
        return false;
    }
}
