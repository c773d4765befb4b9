package org.ae4j.apps;

import java.util.Arrays;
import java.util.Objects;
import org.ae4j.data.Dataset;
import org.apiguardian.api.API;

/**
 * Flags anomalies by thresholding an {@link AnomalyScorer}. The threshold is calibrated on validation
 * data that is known to be normal so that at most the chosen share of normal examples is flagged: it is
 * the {@code (1 − falsePositiveRate)} empirical quantile of their scores, and an example is flagged when
 * its score is strictly greater.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AnomalyDetector {

    private final AnomalyScorer scorer;
    private final double threshold;
    private final double falsePositiveRate;

    private AnomalyDetector(AnomalyScorer scorer, double threshold, double falsePositiveRate) {
        this.scorer = scorer;
        this.threshold = threshold;
        this.falsePositiveRate = falsePositiveRate;
    }

    /**
     * @param normalValidation examples known to be normal, not used for training
     * @param falsePositiveRate the largest share of normal examples that may be flagged, in [0, 1)
     */
    public static AnomalyDetector calibrate(AnomalyScorer scorer, Dataset normalValidation, double falsePositiveRate) {
        Objects.requireNonNull(scorer, "scorer");
        if (!(falsePositiveRate >= 0 && falsePositiveRate < 1)) {
            throw new IllegalArgumentException("false-positive rate must be in [0, 1), got " + falsePositiveRate);
        }
        return new AnomalyDetector(scorer, thresholdFor(scorer.scores(normalValidation), falsePositiveRate), falsePositiveRate);
    }

    /**
     * The {@code (1 − falsePositiveRate)} empirical quantile of {@code normalScores}: the threshold that flags at most
     * that share of them — for scores computed elsewhere (e.g. on a cluster).
     */
    public static double thresholdFor(double[] normalScores, double falsePositiveRate) {
        if (!(falsePositiveRate >= 0 && falsePositiveRate < 1)) {
            throw new IllegalArgumentException("false-positive rate must be in [0, 1), got " + falsePositiveRate);
        }
        if (normalScores.length == 0) {
            throw new IllegalArgumentException("no scores to calibrate a threshold on");
        }
        double[] scores = normalScores.clone();
        Arrays.sort(scores);
        int index = (int) Math.ceil((1 - falsePositiveRate) * scores.length) - 1;
        return scores[Math.max(0, Math.min(scores.length - 1, index))];
    }

    /** With a threshold chosen by the caller. */
    public static AnomalyDetector withThreshold(AnomalyScorer scorer, double threshold) {
        return new AnomalyDetector(Objects.requireNonNull(scorer, "scorer"), threshold, Double.NaN);
    }

    public double threshold() {
        return threshold;
    }

    /** The false-positive rate the threshold was calibrated for ({@code NaN} when set by hand). */
    public double falsePositiveRate() {
        return falsePositiveRate;
    }

    public double[] scores(Dataset data) {
        return scorer.scores(data);
    }

    /** Whether each example's score exceeds the threshold. */
    public boolean[] flags(Dataset data) {
        double[] scores = scorer.scores(data);
        boolean[] flags = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            flags[i] = scores[i] > threshold;
        }
        return flags;
    }
}
