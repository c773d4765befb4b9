package org.ae4j.testkit;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded test arrays, drawn on the Java side so that they never touch ND4J's global generator: the same
 * seed gives the same array in every run, on every machine. For plug-in tests as for ae4j's own.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class Fixtures {

    private Fixtures() {
    }

    /** Values uniform in {@code [lo, hi)} of {@code type} and {@code shape}. */
    public static INDArray uniform(long seed, double lo, double hi, DataType type, long... shape) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] values = new double[size(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return Nd4j.create(values, shape, 'c').castTo(type);
    }

    /** Standard-normal values times {@code scale}, of {@code type} and {@code shape}. */
    public static INDArray gaussian(long seed, double scale, DataType type, long... shape) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] values = new double[size(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = scale * rng.nextGaussian();
        }
        return Nd4j.create(values, shape, 'c').castTo(type);
    }

    private static int size(long[] shape) {
        if (shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("a shape of positive sizes is needed, got " + Arrays.toString(shape));
        }
        return Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact));
    }
}
