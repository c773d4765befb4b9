package org.ae4j.bench;

import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.train.BatchInference;

/**
 * Reconstructions per second over a test set, on the path users meet ({@link BatchInference}: every core, reused
 * memory): every batch reconstructed in full and dropped, as PyTorch's reference loop does (no stacked result of
 * the whole test set, whose fresh native memory neither side's loop makes). One pass to warm up, then timed passes
 * until a quarter of a second has gone by (a single pass over a small test set would time mostly the start of the lanes).
 */
final class InferenceSpeed {

    private InferenceSpeed() {
    }

    static double of(Autoencoder model, Dataset test, int batchSize) {
        int rows = BatchInference.rowsFor(model, batchSize);
        pass(model, test, rows);
        long start = System.nanoTime();
        long examples = 0;
        do {
            pass(model, test, rows);
            examples += test.size();
        } while (System.nanoTime() - start < 250_000_000L);
        return examples / ((System.nanoTime() - start) / 1e9);
    }

    /** One pass: each batch's reconstruction computed, its first value read (so that the work is used), and dropped. */
    private static void pass(Autoencoder model, Dataset test, int rows) {
        BatchInference.sum(test, rows, 1, batch -> new double[] {model.reconstruct(batch).getDouble(0)});
    }
}
