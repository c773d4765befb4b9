package org.ae4j.train;

import org.apiguardian.api.API;

/**
 * What one epoch measured.
 *
 * @param epoch            1-based epoch number
 * @param trainLoss        mean training objective over the epoch's examples (reconstruction +
 *                         bottleneck term + penalties)
 * @param validationLoss   the objective without penalties on the validation set (see
 *                         {@link Evaluation#objective}), or {@code NaN} without validation
 * @param examples         training examples processed
 * @param seconds          wall-clock time of the epoch's training steps (validation excluded)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record EpochMetrics(int epoch, double trainLoss, double validationLoss, long examples, double seconds) {

    /** Training throughput of the epoch. */
    public double samplesPerSecond() {
        return seconds > 0 ? examples / seconds : Double.NaN;
    }

    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }
}
