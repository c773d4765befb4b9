package org.ae4j.apps;

import java.util.ArrayList;
import java.util.List;
import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The frozen latent codes of a trained model as features for downstream models. */
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
        List<INDArray> parts = new ArrayList<>();
        for (INDArray batch : data.batches(batchSize)) {
            parts.add(model.encode(batch));
        }
        INDArray codes = parts.size() == 1 ? parts.get(0).dup('c') : Nd4j.vstack(parts.toArray(INDArray[]::new));
        return data.labels().map(l -> Dataset.labeled(codes, l)).orElseGet(() -> Dataset.of(codes));
    }
}
