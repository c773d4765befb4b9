package org.ae4j.search;

import org.ae4j.kernel.KernelSelection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers one query's distances to a {@link TopK}: {@code d[r] = constant + addend[r] + factor · dots[base + r]} for every
 * row {@code r} — the squared Euclidean distance from dot products and norms, or {@code 1 − cos}. Nearly every distance
 * is beaten by the k-th best so far, so the scan is a comparison per row; the Vector-API implementation compares a
 * register of rows at a time (about 5× the scalar loop), chosen once with the kernels.
 */
interface DistanceScan {

    void scan(float[] dots, int base, float[] addend, float constant, float factor, int size, TopK top);

    /** The Vector-API scan when the JVM has the module (and {@code ae4j.kernels} does not ask for {@code nd4j}), else the scalar one. */
    static DistanceScan best() {
        return Holder.BEST;
    }

    /** The portable loop. */
    static DistanceScan scalar() {
        return (dots, base, addend, constant, factor, size, top) -> scalarRange(dots, base, addend, constant, factor, 0, size, top);
    }

    /** Scans rows {@code [from, to)} one at a time. */
    static void scalarRange(float[] dots, int base, float[] addend, float constant, float factor, int from, int to, TopK top) {
        float bound = top.bound();
        for (int r = from; r < to; r++) {
            float d = constant + addend[r] + factor * dots[base + r];
            if (d < bound) {
                top.offer(r, d);
                bound = top.bound();
            }
        }
    }

    /** Chooses once. */
    final class Holder {
        private static final Logger LOG = LoggerFactory.getLogger(DistanceScan.class);
        static final DistanceScan BEST = choose();

        private Holder() {
        }

        private static DistanceScan choose() {
            boolean forcedNd4j = "nd4j".equalsIgnoreCase(System.getProperty(KernelSelection.PROPERTY, "").trim());
            if (!forcedNd4j && KernelSelection.vectorApiAvailable()) {
                return new VectorDistanceScan();
            }
            if (!forcedNd4j) {
                LOG.info("exact search scans distances one at a time: start the JVM with --add-modules jdk.incubator.vector for "
                        + "the Vector-API scan (exact search about 2x faster)");
            }
            return scalar();
        }
    }
}
