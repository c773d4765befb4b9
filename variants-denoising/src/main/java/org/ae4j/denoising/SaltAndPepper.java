package org.ae4j.denoising;

import java.util.SplittableRandom;
import org.ae4j.spi.RandomSource;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Salt-and-pepper noise: each value is independently replaced with probability {@code fraction},
 * by {@code low} or {@code high} with equal chance (Vincent et al., 2010).
 *
 * @param fraction in [0, 1] (default 0.1)
 * @param low      the "pepper" value (default 0)
 * @param high     the "salt" value (default 1)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SaltAndPepper(double fraction, double low, double high) implements StatelessCorruption {

    public static final String TYPE = "salt-and-pepper";

    public SaltAndPepper {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("salt-and-pepper fraction must be in [0, 1], got " + fraction);
        }
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("salt-and-pepper low and high must be finite, got " + low + " and " + high);
        }
    }

    public static SaltAndPepper defaults() {
        return new SaltAndPepper(0.1, 0, 1);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public INDArray corrupt(INDArray clean, RandomSource random) {
        Pixels.perExample(clean);
        double[] values = Pixels.copyOf(clean);
        SplittableRandom rng = random.java();
        for (int i = 0; i < values.length; i++) {
            double u = rng.nextDouble();
            if (u < fraction) {
                values[i] = u < fraction / 2 ? low : high;
            }
        }
        return Pixels.arrayLike(clean, values);
    }
}
