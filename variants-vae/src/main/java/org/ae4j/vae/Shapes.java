package org.ae4j.vae;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Argument checks and reductions shared by the likelihoods. */
final class Shapes {

    private Shapes() {
    }

    static void requireSameShape(String who, INDArray output, INDArray target) {
        if (!Arrays.equals(output.shape(), target.shape()) || output.rank() < 2) {
            throw new IllegalArgumentException(who + ": output shape " + Arrays.toString(output.shape())
                    + " must equal target shape " + Arrays.toString(target.shape()) + " and be [batch, …]");
        }
    }

    /** Sums every dimension but the first: {@code [batch, …] → [batch]}. */
    static INDArray sumPerExample(INDArray values) {
        INDArray rows = values.reshape('c', values.size(0), values.length() / values.size(0));
        return rows.sum(1);
    }
}
