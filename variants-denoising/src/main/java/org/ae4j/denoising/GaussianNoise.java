package org.ae4j.denoising;

import java.util.Objects;
import org.ae4j.spi.Corruption;
import org.ae4j.spi.CorruptionSpec;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.RandomSource;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Additive isotropic Gaussian noise {@code x̃ = x + ε}, {@code ε ~ N(0, σ²I)} (Vincent et al., 2010),
 * optionally clipped to [0, 1]. The noise is drawn by {@link Kernels#gaussian}.
 *
 * @param sigma σ ≥ 0 (default 0.3)
 * @param clip  clip the result to [0, 1] (default false)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record GaussianNoise(double sigma, boolean clip) implements CorruptionSpec {

    public static final String TYPE = "gaussian";

    public GaussianNoise {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("gaussian sigma must be a finite number >= 0, got " + sigma);
        }
    }

    public static GaussianNoise defaults() {
        return new GaussianNoise(0.3, false);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Corruption create(Kernels kernels) {
        Objects.requireNonNull(kernels, "kernels");
        return new Corruption() {
            @Override
            public String name() {
                return TYPE;
            }

            @Override
            public INDArray corrupt(INDArray clean, RandomSource random) {
                Pixels.perExample(clean);
                INDArray noisy = kernels.gaussian(Nd4j.createUninitialized(clean.dataType(), clean.shape()), 0, sigma, random)
                        .addi(clean);
                return clip ? Transforms.min(Transforms.max(noisy, 0.0, false), 1.0, false) : noisy;
            }
        };
    }
}
