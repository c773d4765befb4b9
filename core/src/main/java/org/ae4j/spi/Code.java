package org.ae4j.spi;

import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The result of a {@link Bottleneck}'s forward pass.
 *
 * @param features the encoder features {@code h} the bottleneck received, {@code [batch, …]}
 * @param z        the code handed to the decoder, {@code [batch, codeSize]}
 * @param lossTerm the bottleneck's own loss term for this batch (e.g. the weighted VAE KL, in the
 *                 loss's units); 0 for deterministic bottlenecks
 * @param saved    named arrays the backward pass needs (e.g. {@code "mu"}, {@code "epsilon"})
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Code(INDArray features, INDArray z, double lossTerm, Map<String, INDArray> saved) {

    public Code {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(z, "z");
        saved = Map.copyOf(saved);
    }

    /** A saved array, failing clearly when the bottleneck did not save it. */
    public INDArray saved(String name) {
        INDArray array = saved.get(name);
        if (array == null) {
            throw new IllegalArgumentException(
                    "code has no saved array '" + name + "'; saved: " + new java.util.TreeSet<>(saved.keySet()));
        }
        return array;
    }
}
