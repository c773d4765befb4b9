package org.ae4j.persist;

import org.apiguardian.api.API;

/**
 * The anomaly threshold calibrated when the model was trained: the {@code (1 − falsePositiveRate)} quantile of the
 * scores (per-example reconstruction loss) of held-out training examples, so that about that share of data like the
 * training data is flagged. Saved in the model file; {@code ae4j score} flags rows scoring above it.
 *
 * @param falsePositiveRate the share of normal examples meant to be flagged, in (0, 1)
 * @param threshold         the score above which an example is flagged
 * @param calibrationRows   the held-out examples it was calibrated on
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record AnomalyThreshold(double falsePositiveRate, double threshold, long calibrationRows) {

    public AnomalyThreshold {
        if (!(falsePositiveRate > 0 && falsePositiveRate < 1)) {
            throw new IllegalArgumentException("the false-positive rate must be in (0, 1), got " + falsePositiveRate);
        }
        if (!Double.isFinite(threshold) || calibrationRows < 1) {
            throw new IllegalArgumentException("a threshold needs a finite value and at least one calibration row, got " + threshold
                    + " from " + calibrationRows);
        }
    }
}
