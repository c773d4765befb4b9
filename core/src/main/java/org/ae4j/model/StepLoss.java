package org.ae4j.model;

import org.apiguardian.api.API;

/**
 * The parts of one step's training loss.
 *
 * @param reconstruction the {@link org.ae4j.spi.Loss} value
 * @param bottleneck     the bottleneck's own term (e.g. β·KL), 0 for deterministic bottlenecks
 * @param penalty        the sum of every regularizer's penalty
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record StepLoss(double reconstruction, double bottleneck, double penalty) {

    /** The objective that was differentiated. */
    public double total() {
        return reconstruction + bottleneck + penalty;
    }
}
