package org.ae4j.spi;

import java.util.Map;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maps an input batch {@code x} to features {@code h} that the {@link Bottleneck} turns into a code.
 * Implementations own their parameters; see {@link Block} for the forward/backward contract.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Encoder extends Block {

    /**
     * Like {@link #backwardParameters(Trace, INDArray)}, also adding {@code stepGradients.get(k)} to the
     * gradient with respect to the output of step {@code k} of the trace — the gradients a penalty on a
     * hidden layer hands to {@link GradientSink#addToEncoderStep}. An encoder made of steps overrides it;
     * the default accepts no step gradients.
     *
     * @throws IllegalArgumentException if {@code stepGradients} is not empty and this encoder has no steps
     */
    default void backwardParameters(Trace trace, INDArray outputGradient, Map<Integer, INDArray> stepGradients) {
        if (!stepGradients.isEmpty()) {
            throw new IllegalArgumentException("a penalty adds gradients to hidden layers " + stepGradients.keySet()
                    + ", but encoder " + getClass().getSimpleName() + " is not a chain of layers");
        }
        backwardParameters(trace, outputGradient);
    }
}
