package org.ae4j.denoising;

import org.ae4j.spi.RandomSource;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Masking noise: each value is independently set to 0 with probability {@code fraction}
 * (Vincent et al., 2008).
 *
 * @param fraction in [0, 1] (default 0.25)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MaskingNoise(double fraction) implements StatelessCorruption {

    public static final String TYPE = "masking";

    public MaskingNoise {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("masking fraction must be in [0, 1], got " + fraction);
        }
    }

    public static MaskingNoise defaults() {
        return new MaskingNoise(0.25);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public INDArray corrupt(INDArray clean, RandomSource random) {
        Pixels.perExample(clean);
        INDArray keep = random.bernoulliInPlace(Nd4j.createUninitialized(clean.dataType(), clean.shape()), 1 - fraction);
        return keep.muli(clean);
    }
}
