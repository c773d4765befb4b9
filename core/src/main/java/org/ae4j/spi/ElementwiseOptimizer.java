package org.ae4j.spi;

import java.util.List;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An optimizer whose update of a {@link ParameterBlock} is elementwise, so that one step can be applied as updates of
 * disjoint ranges of the block from different threads: data-parallel training updates each lane's share of the block
 * right after the lane has combined the gradients of that share, in the same task, instead of in one more pass after
 * every lane has finished. A step in ranges is {@link #prepareRanges} (once, on the thread that owns the optimizer),
 * then {@link #stepRange} for ranges that cover the block once, then {@link #endStep} — the same update as
 * {@link #step}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public interface ElementwiseOptimizer extends Optimizer {

    /**
     * Makes the state a step in ranges of {@code parameters}' block needs; returns false, and nothing else changes,
     * when the parameters are not one {@link ParameterBlock} (then only {@link #step} applies). Called before the
     * ranges' threads start; safe to call again with the same list.
     */
    boolean prepareRanges(List<Parameter> parameters);

    /**
     * Applies this step's update to the values {@code [from, to)} of the prepared block from its gradients. Ranges of
     * one step must not overlap; each may run on its own thread.
     */
    void stepRange(long from, long to);

    /**
     * {@link #stepRange} with this step's gradient over {@code [from, to)} the sum {@code a·G + b·other} of the prepared
     * block's gradients {@code G} (over the range) and {@code other} (as long as the range: another data-parallel lane's
     * gradients over it), in one pass where the optimizer can (both left as they are: the next step's backward pass
     * overwrites them, see {@link Parameter#claimGradient}); returns false, nothing changed, where it cannot (the caller then combines the gradients into {@code G} and calls
     * {@link #stepRange}). The default cannot.
     */
    default boolean stepRangeOfSum(long from, long to, double a, INDArray other, double b) {
        return false;
    }

    /** Ends a step made of {@link #stepRange} calls (counts it), on the thread that called {@link #prepareRanges}. */
    void endStep();
}
