package org.ae4j.nn;

import java.util.SplittableRandom;
import org.ae4j.spi.Initializer;
import org.ae4j.spi.RandomSource;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The classic fan-scaled initialisers, drawn on the Java side from a seeded {@link RandomSource} so
 * that the same seed gives the same weights on every backend.
 *
 * <ul>
 *   <li>{@code xavier-uniform}: U(−a, a), a = √(6 / (fanIn + fanOut)) (Glorot &amp; Bengio, 2010)</li>
 *   <li>{@code xavier-normal}: N(0, 2 / (fanIn + fanOut))</li>
 *   <li>{@code he-uniform}: U(−a, a), a = √(6 / fanIn) (He et al., 2015)</li>
 *   <li>{@code he-normal}: N(0, 2 / fanIn)</li>
 * </ul>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FanInit implements Initializer {

    public static final FanInit XAVIER_UNIFORM = new FanInit("xavier-uniform", true, false);
    public static final FanInit XAVIER_NORMAL = new FanInit("xavier-normal", false, false);
    public static final FanInit HE_UNIFORM = new FanInit("he-uniform", true, true);
    public static final FanInit HE_NORMAL = new FanInit("he-normal", false, true);

    private final String name;
    private final boolean uniform;
    private final boolean fanInOnly;

    private FanInit(String name, boolean uniform, boolean fanInOnly) {
        this.name = name;
        this.uniform = uniform;
        this.fanInOnly = fanInOnly;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public INDArray initialize(long[] shape, long fanIn, long fanOut, DataType dataType, RandomSource random) {
        if (fanIn <= 0 || fanOut <= 0) {
            throw new IllegalArgumentException(name + " needs positive fan-in and fan-out, got "
                    + fanIn + " and " + fanOut);
        }
        double variance = 2.0 / (fanInOnly ? fanIn : fanIn + fanOut);
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        double[] values = new double[Math.toIntExact(n)];
        SplittableRandom rng = random.java();
        if (uniform) {
            double limit = Math.sqrt(3 * variance);
            for (int i = 0; i < values.length; i++) {
                values[i] = (2 * rng.nextDouble() - 1) * limit;
            }
        } else {
            double std = Math.sqrt(variance);
            for (int i = 0; i < values.length; i++) {
                values[i] = rng.nextGaussian() * std;
            }
        }
        return Nd4j.create(values, shape, 'c').castTo(dataType);
    }

    @Override
    public String toString() {
        return name;
    }
}
