package org.ae4j.conv;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** Runs one of ND4J's native custom ops by name into preallocated outputs. */
final class NativeOps {

    private NativeOps() {
    }

    /**
     * Runs a weighted layer's backward op {@code (x, W, b, gradOut) → (gradX, gradW, gradB)}, adds the
     * parameter gradients into their buffers and returns the input gradient. With {@code bias == null}
     * the op runs without one: {@code (x, W, gradOut) → (gradX, gradW)}.
     */
    static INDArray backpropWeighted(String op, INDArray x, org.ae4j.spi.Parameter weights, org.ae4j.spi.Parameter bias,
                                     INDArray outputGradient, int... intArgs) {
        INDArray[] gradients = backprop(op, x, weights.value(), bias, outputGradient, intArgs);
        weights.gradient().addi(gradients[1]);
        return gradients[0];
    }

    /**
     * Like {@link #backpropWeighted} with the op run on {@code kernel} (e.g. a spread copy of the weights): adds the bias
     * gradient and returns {@code [gradX, gradKernel]}.
     */
    static INDArray[] backprop(String op, INDArray x, INDArray kernel, org.ae4j.spi.Parameter bias, INDArray outputGradient,
                               int... intArgs) {
        INDArray inputGradient = Nd4j.createUninitialized(x.dataType(), x.shape());
        INDArray kernelGradient = Nd4j.createUninitialized(x.dataType(), kernel.shape());
        if (bias == null) {
            run(op, new INDArray[] {x, kernel, outputGradient}, new INDArray[] {inputGradient, kernelGradient}, intArgs);
        } else {
            INDArray biasGradient = Nd4j.createUninitialized(x.dataType(), bias.value().shape());
            run(op, new INDArray[] {x, kernel, bias.value(), outputGradient},
                    new INDArray[] {inputGradient, kernelGradient, biasGradient}, intArgs);
            bias.gradient().addi(biasGradient);
        }
        return new INDArray[] {inputGradient, kernelGradient};
    }

    static void run(String op, INDArray[] inputs, INDArray[] outputs, int... intArgs) {
        DynamicCustomOp.DynamicCustomOpsBuilder builder = DynamicCustomOp.builder(op).addInputs(inputs).addOutputs(outputs);
        builder.addIntegerArguments(intArgs);
        Nd4j.exec(builder.build());
    }
}
