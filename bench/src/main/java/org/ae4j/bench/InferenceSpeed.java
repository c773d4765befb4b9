package org.ae4j.bench;

import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.train.BatchInference;

/**
 * Reconstructions per second over a test set, on the path users meet ({@link BatchInference}: every core, reused
 * memory): one pass to warm up, then timed passes until a quarter of a second has gone by (a single pass over a
 * small test set would time mostly the start of the lanes).
 */
final class InferenceSpeed {

    private InferenceSpeed() {
    }

    static double of(Autoencoder model, Dataset test, int batchSize) {
        BatchInference.map(test, BatchInference.rowsFor(model, batchSize), model::reconstruct);
        long start = System.nanoTime();
        long examples = 0;
        do {
            BatchInference.map(test, BatchInference.rowsFor(model, batchSize), model::reconstruct);
            examples += test.size();
        } while (System.nanoTime() - start < 250_000_000L);
        return examples / ((System.nanoTime() - start) / 1e9);
    }
}
