package org.ae4j.spi;

import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An element-wise activation {@code y = f(z)}. Every built-in derivative is expressed through the
 * output {@code y}, so layers keep only their output for the backward pass.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Activation {

    /** The registered name, e.g. {@code "relu"}. */
    String name();

    /** Overwrites {@code z} with {@code f(z)} and returns it. */
    INDArray applyInPlace(INDArray z);

    /**
     * Overwrites {@code outputGradient} (∂L/∂y) with ∂L/∂z = ∂L/∂y ⊙ f′(z), computed from the output
     * {@code y = f(z)}, and returns it. {@code output} is not modified.
     */
    INDArray backpropInPlace(INDArray output, INDArray outputGradient);

    /**
     * The element-wise function as the {@link Kernels} know it, when it is one of theirs; empty (the
     * default) for any other, which the kernels then apply through {@link #applyInPlace} and
     * {@link #backpropInPlace}.
     */
    default java.util.Optional<Kernels.Pointwise> pointwise() {
        return java.util.Optional.empty();
    }
}
