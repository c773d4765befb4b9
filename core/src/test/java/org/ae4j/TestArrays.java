package org.ae4j;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded test arrays built on the Java side. */
public final class TestArrays {

    private TestArrays() {
    }

    /** Standard-normal values scaled by {@code scale}, in double precision. */
    public static INDArray gaussian(long seed, double scale, long... shape) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[Math.toIntExact(java.util.Arrays.stream(shape).reduce(1, Math::multiplyExact))];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian() * scale;
        }
        return Nd4j.create(v, shape, 'c');
    }

    /** Uniform values in [lo, hi), in double precision. */
    public static INDArray uniform(long seed, double lo, double hi, long... shape) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[Math.toIntExact(java.util.Arrays.stream(shape).reduce(1, Math::multiplyExact))];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return Nd4j.create(v, shape, 'c');
    }

    /** Float data on a 2-d manifold in 12 dimensions, which a 4-d code can learn: x = σ(A·u). */
    public static org.ae4j.data.Dataset structured(int n, long seed) {
        INDArray u = gaussian(seed, 1.0, n, 2);
        INDArray a = gaussian(seed + 1, 2.0, 2, 12);
        return org.ae4j.data.Dataset.of(org.nd4j.linalg.ops.transforms.Transforms.sigmoid(u.mmul(a)).castTo(DataType.FLOAT));
    }

    public static INDArray asFloat(INDArray a) {
        return a.castTo(DataType.FLOAT);
    }
}
