package org.ae4j.spi;

import org.apiguardian.api.API;

/**
 * A component that can write its inference as ONNX operators: a {@link Layer}, {@link Encoder}, {@link Decoder},
 * {@link Activation} or {@link Bottleneck} (its deterministic {@link Bottleneck#encode}, e.g. a VAE's posterior
 * mean). Every bundled one implements it; a plug-in's component that does not is refused by name when a model holding
 * it is exported, never exported wrong. Implementations are checked against ONNX Runtime: the exported graph must
 * reproduce the component's outputs within 1e-5.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public interface OnnxExportable {

    /**
     * Adds to {@code graph} the nodes that compute this component's inference output from the tensor named
     * {@code input} ({@code [batch, inputShape…]}) and returns the name of that output ({@code [batch, outputShape…]}).
     */
    String toOnnx(OnnxGraph graph, String input);
}
