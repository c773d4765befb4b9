package org.ae4j.bench;

import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.train.BatchInference;

/**
 * Reconstructions per second over a test set, on the path users meet ({@link BatchInference}: every core, reused
 * memory): one batch to warm up, then one timed pass, as PyTorch's reference scripts time theirs.
 */
final class InferenceSpeed {

    private InferenceSpeed() {
    }

    static double of(Autoencoder model, Dataset test, int batchSize) {
        BatchInference.map(test.slice(0, Math.min(batchSize, test.size())), batchSize, model::reconstruct);
        long start = System.nanoTime();
        BatchInference.map(test, batchSize, model::reconstruct);
        return test.size() / ((System.nanoTime() - start) / 1e9);
    }
}
