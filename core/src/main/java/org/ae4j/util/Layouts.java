package org.ae4j.util;

import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/** How an array's elements lie in its buffer, read from its shape and strides. */
@API(status = API.Status.INTERNAL, since = "0.3")
public final class Layouts {

    private Layouts() {
    }

    /**
     * Whether the elements lie one after another in C order from the array's first element, judged by the strides of
     * the dimensions longer than 1 alone: ND4J calls 1-D views, and a single row {@code [1, n]} with strides
     * {@code [1, 1]}, 'f', though their elements lie exactly as in C order.
     */
    public static boolean consecutive(INDArray a) {
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }
}
