package org.ae4j.vae;

import org.apiguardian.api.API;
/**
 * Configuration of the {@link GaussianLikelihood}.
 *
 * @param variance the fixed variance &gt; 0 (default 0.05), ignored when learned
 * @param learned  the decoder predicts a log-variance per value (default false)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record GaussianSpec(double variance, boolean learned) implements LikelihoodSpec {

    public static final String TYPE = GaussianLikelihood.NAME;

    public GaussianSpec {
        if (!(variance > 0) || Double.isInfinite(variance)) {
            throw new IllegalArgumentException("gaussian variance must be a finite number > 0, got " + variance);
        }
    }

    public static GaussianSpec defaults() {
        return new GaussianSpec(0.05, false);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Likelihood create(org.ae4j.spi.Kernels kernels) {
        return new GaussianLikelihood(variance, learned);
    }
}
