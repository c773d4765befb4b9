package org.ae4j.apps;

import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.train.BatchInference;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The frozen latent codes of a trained model as features for downstream models, computed on every core. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FeatureExtractor {

    private final Autoencoder model;
    private final int batchSize;

    public FeatureExtractor(Autoencoder model, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.model = model;
        this.batchSize = batchSize;
    }

    /** The deterministic code of every example, {@code [n, codeSize]}, keeping the data's labels. */
    public Dataset features(Dataset data) {
        INDArray codes = BatchInference.map(data, BatchInference.rowsFor(model, batchSize), model::encode);
        return data.labels().map(l -> Dataset.labeled(codes, l)).orElseGet(() -> Dataset.of(codes));
    }
}
