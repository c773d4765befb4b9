package org.ae4j.apps;

import org.apiguardian.api.API;

/**
 * How {@link TableImputer} and {@link ImageInpainter} iterate: reconstruct, put the reconstruction into the missing
 * values only, and again, until no filled value moves by more than the tolerance or the passes run out.
 *
 * @param maxIterations the most reconstruct-and-replace passes, ≥ 1
 * @param tolerance     stop when no filled feature moves by more than this (in the model's scaled units), ≥ 0
 * @param batchSize     rows reconstructed together
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record ImputationOptions(int maxIterations, double tolerance, int batchSize) {
    public ImputationOptions {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a finite number >= 0, got " + tolerance);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
    }

    /** 10 iterations, tolerance 1e-3, batches of 1,024 rows. */
    public static ImputationOptions defaults() {
        return new ImputationOptions(10, 1e-3, 1024);
    }
}
