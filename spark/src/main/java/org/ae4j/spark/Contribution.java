package org.ae4j.spark;

import java.io.Serializable;

/**
 * What the partitions send back from one synchronous round, summed up the aggregation tree: the rows they trained
 * on, their loss summed over those rows, a row-weighted sum of a flat vector (gradients, or parameters after local
 * steps) and, when averaging, of the optimizer state, and the most local steps any partition took.
 */
final class Contribution implements Serializable {

    private static final long serialVersionUID = 1L;

    long rows;
    double lossSum;
    float[] vector;
    float[] state;
    long steps;

    static Contribution none() {
        return new Contribution();
    }

    /** One partition's share: {@code vector} and {@code state} are weighted by its rows here. */
    static Contribution of(long rows, double lossSum, float[] vector, float[] state, long steps) {
        Contribution c = new Contribution();
        c.rows = rows;
        c.lossSum = lossSum;
        c.steps = steps;
        if (rows > 0) {
            c.vector = vector == null ? null : scaled(vector, rows);
            c.state = state == null ? null : scaled(state, rows);
        }
        return c;
    }

    /** The sum of both (this one, updated). */
    Contribution plus(Contribution other) {
        if (other.rows == 0) {
            return this;
        }
        if (rows == 0) {
            return other;
        }
        rows += other.rows;
        lossSum += other.lossSum;
        steps = Math.max(steps, other.steps);
        if (vector != null) {
            Flat.addScaled(vector, other.vector, 1);
        }
        if (state != null) {
            Flat.addScaled(state, other.state, 1);
        }
        return this;
    }

    /** The row-weighted mean of the vectors. */
    float[] meanVector() {
        return scaled(vector, 1.0 / rows);
    }

    /** The row-weighted mean of the optimizer states. */
    float[] meanState() {
        return scaled(state, 1.0 / rows);
    }

    private static float[] scaled(float[] x, double scale) {
        float[] y = new float[x.length];
        Flat.addScaled(y, x, scale);
        return y;
    }
}
