package org.ae4j.vae;

import org.ae4j.spi.Loss;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A decoder likelihood {@code p(x|z)} used as a loss: its value is the negative log-likelihood in nats
 * per example (summed over the example's values, averaged over the batch), so that with the KL term
 * the training loss is the negative ELBO per example.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Likelihood extends Loss {

    /** {@code −log p(x|z)} of each example in nats, {@code [batch]}. */
    INDArray negativeLogLikelihood(INDArray output, INDArray target);

    @Override
    default INDArray perExample(INDArray output, INDArray target) {
        return negativeLogLikelihood(output, target);
    }

    @Override
    default double value(INDArray output, INDArray target) {
        return negativeLogLikelihood(output, target).meanNumber().doubleValue();
    }
}
