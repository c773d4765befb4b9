package org.ae4j.conv;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** Runs one of ND4J's native custom ops by name into preallocated outputs. */
final class NativeOps {

    private NativeOps() {
    }

    static void run(String op, INDArray[] inputs, INDArray[] outputs, int... intArgs) {
        DynamicCustomOp.DynamicCustomOpsBuilder builder = DynamicCustomOp.builder(op).addInputs(inputs).addOutputs(outputs);
        builder.addIntegerArguments(intArgs);
        Nd4j.exec(builder.build());
    }
}
