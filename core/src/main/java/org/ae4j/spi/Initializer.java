package org.ae4j.spi;

import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Draws the initial values of a weight array from a seeded {@link RandomSource}. */
@API(status = API.Status.STABLE, since = "0.1")
public interface Initializer {

    /** The registered name, e.g. {@code "he-normal"}. */
    String name();

    /**
     * A new array of the given shape.
     *
     * @param fanIn  inputs feeding each unit
     * @param fanOut units fed by each input
     */
    INDArray initialize(long[] shape, long fanIn, long fanOut, DataType dataType, RandomSource random);
}
