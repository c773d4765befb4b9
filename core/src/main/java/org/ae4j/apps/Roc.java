package org.ae4j.apps;

import java.util.Arrays;
import java.util.Comparator;
import org.apiguardian.api.API;

/** Receiver-operating-characteristic measures of a scorer against known labels. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Roc {

    private Roc() {
    }

    /**
     * The area under the ROC curve: the probability that a random positive scores higher than a random
     * negative, ties counting one half (the Mann–Whitney U statistic over {@code n₊·n₋}).
     *
     * @param scores   higher means more likely positive
     * @param positive the true labels
     */
    public static double auroc(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + positive.length + " labels");
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double positiveRankSum = 0;
        long positives = 0;
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            double averageRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                if (positive[order[k]]) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            start = end + 1;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("AUROC needs both positives and negatives, got " + positives + " and " + negatives);
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * Average precision — the area under the precision–recall curve as scikit-learn's
     * {@code average_precision_score} computes it: {@code Σₙ (Rₙ − Rₙ₋₁)·Pₙ} over the distinct score thresholds, from
     * the highest score down.
     */
    public static double averagePrecision(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + positive.length + " labels");
        }
        Integer[] order = new Integer[scores.length];
        long positives = 0;
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            positives += positive[i] ? 1 : 0;
        }
        if (positives == 0) {
            throw new IllegalArgumentException("average precision needs at least one positive");
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -scores[i]));
        double ap = 0;
        long truePositives = 0;
        double previousRecall = 0;
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            for (int k = start; k <= end; k++) {
                truePositives += positive[order[k]] ? 1 : 0;
            }
            double recall = (double) truePositives / positives;
            double precision = (double) truePositives / (end + 1);
            ap += (recall - previousRecall) * precision;
            previousRecall = recall;
            start = end + 1;
        }
        return ap;
    }

    /** The share of positives among the {@code n} highest scores (ties broken by order). */
    public static double precisionAt(int n, double[] scores, boolean[] positive) {
        if (n < 1 || n > scores.length) {
            throw new IllegalArgumentException("n must be 1 to " + scores.length + ", got " + n);
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -scores[i]));
        int hits = 0;
        for (int k = 0; k < n; k++) {
            hits += positive[order[k]] ? 1 : 0;
        }
        return (double) hits / n;
    }
}
