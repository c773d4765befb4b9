package org.ae4j.spi;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A penalty added to the training loss: sparsity of codes, the contractive Jacobian norm, weight
 * decay. It sees the whole forward pass and adds its gradients: into {@link Parameter#gradient()}
 * for parameter terms, through the {@link GradientSink} for terms on activations.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Regularizer {

    /** The registered name, e.g. {@code "weight-decay"}. */
    String name();

    /**
     * Adds this penalty's gradients and returns its value for the batch.
     *
     * @param pass       the training forward pass
     * @param parameters every trainable parameter of the model
     * @param sink       where gradients on the code or features go
     */
    double penalize(ForwardPass pass, List<Parameter> parameters, GradientSink sink);

    /**
     * Checks, when the model is assembled, that this penalty applies to it (e.g. that the layer a
     * sparsity penalty watches has activations in (0, 1)).
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    default void requireCompatible(Encoder encoder, Bottleneck bottleneck) {
    }
}
