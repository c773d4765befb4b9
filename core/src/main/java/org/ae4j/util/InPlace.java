package org.ae4j.util;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Element-wise operations with a constant that allocate nothing. ND4J's scalar ops
 * ({@code muli(2.0)}, {@code addi(1.0)}, {@code Transforms.max(x, 0)}) make a native one-value
 * array for their constant on every call, outside any workspace; in a training step that is a
 * native allocation per call. These take the constant as an argument instead (BLAS, or a custom
 * op's floating-point argument). Each overwrites and returns {@code x}.
 */
public final class InPlace {

    private InPlace() {
    }

    /** {@code x ← αx} by BLAS {@code scal}; {@code x} must be contiguous. */
    public static INDArray scale(INDArray x, double alpha) {
        requireContiguous(x);
        Nd4j.getBlasWrapper().level1().scal(x.length(), alpha, x);
        return x;
    }

    /** {@code x ← x + c} by BLAS {@code axpy} with a shared row of ones; {@code x} must be contiguous. */
    public static INDArray add(INDArray x, double c) {
        requireContiguous(x);
        Nd4j.getBlasWrapper().level1().axpy(x.length(), c, OnesRow.of(x.dataType(), x.length()), x);
        return x;
    }

    /** {@code x ← max(x, 0)}. */
    public static INDArray relu(INDArray x) {
        Nd4j.exec(DynamicCustomOp.builder("relu").addInputs(x).addOutputs(x).addFloatingPointArguments(0.0).build());
        return x;
    }

    /** {@code x ← min(max(x, low), high)}. */
    public static INDArray clip(INDArray x, double low, double high) {
        Nd4j.exec(DynamicCustomOp.builder("clipbyvalue").addInputs(x).addOutputs(x).addFloatingPointArguments(low, high).build());
        return x;
    }

    private static void requireContiguous(INDArray x) {
        if (x.ordering() != 'c' || x.elementWiseStride() != 1) {
            throw new IllegalArgumentException("a contiguous 'c'-ordered array is needed, got order " + x.ordering()
                    + " with element-wise stride " + x.elementWiseStride());
        }
    }
}
