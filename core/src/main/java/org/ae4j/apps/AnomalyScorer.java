package org.ae4j.apps;

import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Gives each example an anomaly score: higher means more unusual. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface AnomalyScorer {

    /** One score per example of {@code data}, in order. */
    double[] scores(Dataset data);

    /** The model's per-example reconstruction loss (deterministic path), computed in batches of 256. */
    static AnomalyScorer reconstructionError(Autoencoder model) {
        return data -> {
            double[] scores = new double[data.size()];
            int i = 0;
            for (INDArray batch : data.batches(256)) {
                for (double s : model.reconstructionLossPerExample(batch).castTo(DataType.DOUBLE).toDoubleVector()) {
                    scores[i++] = s;
                }
            }
            return scores;
        };
    }
}
