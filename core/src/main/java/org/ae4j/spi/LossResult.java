package org.ae4j.spi;

import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss value together with its gradient.
 *
 * @param value    the scalar loss
 * @param gradient {@code ∂value/∂output}, same shape as the output
 */
@API(status = API.Status.STABLE, since = "0.1")
public record LossResult(double value, INDArray gradient) {
}
