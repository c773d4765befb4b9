package org.ae4j.apps;

import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.train.BatchInference;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;

/** Gives each example an anomaly score: higher means more unusual. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface AnomalyScorer {

    /** One score per example of {@code data}, in order. */
    double[] scores(Dataset data);

    /**
     * The model's per-example reconstruction loss (deterministic path), computed on every core in batches of 256 rows
     * on the small-model path, of {@value BatchInference#LAYER_PATH_ROWS} on the layer path ({@link BatchInference#rowsFor}).
     */
    static AnomalyScorer reconstructionError(Autoencoder model) {
        return data -> BatchInference.map(data, BatchInference.rowsFor(model, 256), model::reconstructionLossPerExample).castTo(DataType.DOUBLE).toDoubleVector();
    }
}
