package org.ae4j.spi;

import org.apiguardian.api.API;

/**
 * A {@link Loss} that can write, as ONNX operators, its map from the decoder's raw output to data space
 * ({@link Loss#reconstruction}) and its per-example value ({@link Loss#perExample}, the anomaly score). Every bundled
 * loss implements it; see {@link OnnxExportable} for the contract.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public interface OnnxExportableLoss {

    /** Adds {@link Loss#reconstruction} of the raw output named {@code output}; returns the result's name. */
    String reconstructionToOnnx(OnnxGraph graph, String output);

    /**
     * Adds {@link Loss#perExample} of the raw output named {@code output} against {@code target} (the model's input as
     * given, missing values {@code NaN}); returns the name of the {@code [batch]} result.
     */
    String perExampleToOnnx(OnnxGraph graph, String output, String target);
}
