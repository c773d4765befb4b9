package org.ae4j.search;

import java.util.Arrays;

/** The k smallest distances seen so far and their rows, sorted nearest first; a candidate costs one comparison. */
final class TopK {

    private final int[] rows;
    private final float[] distances;
    private int size;

    TopK(int k) {
        rows = new int[k];
        distances = new float[k];
    }

    /** The largest distance still admitted: the k-th best so far, or +∞ until there are k. */
    float bound() {
        return size < distances.length ? Float.POSITIVE_INFINITY : distances[size - 1];
    }

    /** Offers a candidate; ties keep the lower row first when rows are offered in increasing order. */
    void offer(int row, float distance) {
        if (distance >= bound()) {
            return;
        }
        int at = size < distances.length ? size++ : size - 1;
        while (at > 0 && distances[at - 1] > distance) {
            distances[at] = distances[at - 1];
            rows[at] = rows[at - 1];
            at--;
        }
        distances[at] = distance;
        rows[at] = row;
    }

    int[] rows() {
        return Arrays.copyOf(rows, size);
    }

    float[] distances() {
        return Arrays.copyOf(distances, size);
    }
}
