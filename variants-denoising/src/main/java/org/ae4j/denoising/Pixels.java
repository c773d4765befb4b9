package org.ae4j.denoising;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Copies a batch to a Java array and back, for corruptions that work example by example. */
final class Pixels {

    private Pixels() {
    }

    /** The batch's values in C order, as a new array. */
    static double[] copyOf(INDArray batch) {
        return batch.dup('c').reshape(batch.length()).castTo(DataType.DOUBLE).toDoubleVector();
    }

    /** A new array of {@code like}'s shape and type holding {@code values}. */
    static INDArray arrayLike(INDArray like, double[] values) {
        return Nd4j.create(values, like.shape(), 'c').castTo(like.dataType());
    }

    /** Values per example of a {@code [batch, …]} array. */
    static int perExample(INDArray batch) {
        if (batch.rank() < 2 || batch.size(0) == 0) {
            throw new IllegalArgumentException("expected a batch [examples, …], got " + Arrays.toString(batch.shape()));
        }
        return Math.toIntExact(batch.length() / batch.size(0));
    }
}
