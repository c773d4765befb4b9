package org.ae4j.loss;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Argument checks shared by the built-in losses. */
final class LossShapes {

    private LossShapes() {
    }

    static void requireSameShape(String loss, INDArray output, INDArray target) {
        if (!Arrays.equals(output.shape(), target.shape())) {
            throw new IllegalArgumentException(loss + ": output shape " + Arrays.toString(output.shape())
                    + " must equal target shape " + Arrays.toString(target.shape()));
        }
        if (output.rank() < 2 || output.size(0) == 0) {
            throw new IllegalArgumentException(loss + ": expects a non-empty batch [batch, …], got "
                    + Arrays.toString(output.shape()));
        }
    }

    /** Sums every dimension but the first: {@code [batch, …] → [batch]}. */
    static INDArray sumPerExample(INDArray elementwise) {
        return elementwise.sum(exampleDimensions(elementwise));
    }

    /** The mean over every dimension but the first (a reduction: no scalar operand, so no buffer made per call). */
    static INDArray meanPerExample(INDArray elementwise) {
        return elementwise.mean(exampleDimensions(elementwise));
    }

    private static int[] exampleDimensions(INDArray elementwise) {
        int[] dims = new int[elementwise.rank() - 1];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = i + 1;
        }
        return dims;
    }
}
