package org.ae4j.spi;

import org.apiguardian.api.API;

/**
 * The part of a training batch that one forward pass sees. Without data parallelism a pass sees the
 * whole batch; with {@code workers > 1} each worker sees a contiguous slice, computes the objective
 * as if its slice were the batch, and the trainer averages the slices' gradients weighted by their
 * sizes. That is exact for every term that is a mean over examples (losses, the VAE's KL term, the
 * contractive and L1 penalties) or that depends on the parameters only (weight decay).
 *
 * <p>A term built on a statistic of the whole batch — the KL sparsity penalty's mean activation —
 * must gather it with {@link #sum}, which every slice of the batch calls in the same order.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface BatchSlice {

    /** Examples in the whole batch (this slice's are {@code input.size(0)}). */
    long batchSize();

    /**
     * The element-wise sum of {@code values} over every slice of the batch, the same in every slice;
     * every slice must call it, in the same order, with arrays of the same length. For a pass over
     * the whole batch, a copy of {@code values}.
     */
    double[] sum(double[] values);

    /** A pass over a whole batch of {@code size} examples. */
    static BatchSlice whole(long size) {
        if (size < 1) {
            throw new IllegalArgumentException("a batch has at least one example, got " + size);
        }
        return new BatchSlice() {
            @Override
            public long batchSize() {
                return size;
            }

            @Override
            public double[] sum(double[] values) {
                return values.clone();
            }
        };
    }
}
