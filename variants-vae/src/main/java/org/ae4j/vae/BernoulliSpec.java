package org.ae4j.vae;

import org.apiguardian.api.API;
/** Configuration of the {@link BernoulliLikelihood} (it has no parameters). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BernoulliSpec() implements LikelihoodSpec {

    public static final String TYPE = BernoulliLikelihood.NAME;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Likelihood create(org.ae4j.spi.Kernels kernels) {
        return new BernoulliLikelihood(kernels);
    }
}
