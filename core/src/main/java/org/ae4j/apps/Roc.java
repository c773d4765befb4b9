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
}
