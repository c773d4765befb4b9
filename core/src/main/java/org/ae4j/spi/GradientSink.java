package org.ae4j.spi;

import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where a {@link Regularizer} adds the gradients of its penalty that flow through the network.
 * Gradients with respect to parameters are added directly into {@link Parameter#gradient()}.
 *
 * <p>An array handed to the sink becomes the sink's: it may keep the array itself until the step's
 * backward pass (and add into it), so hand over a fresh array and do not use it afterwards.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface GradientSink {

    /** Adds {@code ∂penalty/∂z}, shape {@code [batch, codeSize]}, to the code's gradient. */
    void addToCode(INDArray gradient);

    /** Adds {@code ∂penalty/∂h}, the gradient with respect to the encoder's output features. */
    void addToFeatures(INDArray gradient);

    /**
     * Adds the gradient with respect to the output of step {@code step} (0-based) of the encoder's
     * trace, for penalties on a hidden layer; the encoder must be a chain of layers.
     */
    void addToEncoderStep(int step, INDArray gradient);
}
