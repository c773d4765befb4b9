package org.ae4j.train;

import org.apiguardian.api.API;

/**
 * Where training stands after a batch.
 *
 * @param epoch         1-based epoch
 * @param epochs        total epochs planned
 * @param batch         1-based batch within the epoch
 * @param batches       batches per epoch
 * @param examples      examples processed in this epoch so far
 * @param elapsedNanos  time spent in this epoch so far
 * @param loss          this batch's training objective
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BatchProgress(int epoch, int epochs, int batch, int batches, long examples, long elapsedNanos,
                            double loss) {

    public double samplesPerSecond() {
        return elapsedNanos > 0 ? examples * 1e9 / elapsedNanos : Double.NaN;
    }

    /** Estimated seconds until the whole run ends, at this epoch's pace. */
    public double etaSeconds() {
        double perBatch = elapsedNanos / 1e9 / batch;
        long remaining = (long) (batches - batch) + (long) (epochs - epoch) * batches;
        return perBatch * remaining;
    }
}
