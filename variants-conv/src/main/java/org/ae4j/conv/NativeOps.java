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
        INDArray inputGradient = Nd4j.createUninitialized(x.dataType(), x.shape());
        INDArray weightGradient = Nd4j.createUninitialized(x.dataType(), weights.value().shape());
        if (bias == null) {
            run(op, new INDArray[] {x, weights.value(), outputGradient}, new INDArray[] {inputGradient, weightGradient}, intArgs);
        } else {
            INDArray biasGradient = Nd4j.createUninitialized(x.dataType(), bias.value().shape());
            run(op, new INDArray[] {x, weights.value(), bias.value(), outputGradient},
                    new INDArray[] {inputGradient, weightGradient, biasGradient}, intArgs);
            bias.gradient().addi(biasGradient);
        }
        weights.gradient().addi(weightGradient);
        return inputGradient;
    }

    static void run(String op, INDArray[] inputs, INDArray[] outputs, int... intArgs) {
        DynamicCustomOp.DynamicCustomOpsBuilder builder = DynamicCustomOp.builder(op).addInputs(inputs).addOutputs(outputs);
        builder.addIntegerArguments(intArgs);
        Nd4j.exec(builder.build());
    }
}
