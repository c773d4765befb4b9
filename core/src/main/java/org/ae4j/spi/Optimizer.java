package org.ae4j.spi;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Updates parameters in place from their accumulated gradients. An optimizer keeps per-parameter
 * state (moments, velocities) keyed by parameter identity, created on the first step; one optimizer
 * instance serves one model.
 *
 * <p>The trainer calls {@link #step} inside the training step's ND4J workspace
 * ({@code org.ae4j.util.StepMemory}): arrays made there are reclaimed when the step ends, so state
 * that must outlive a step is created inside {@code StepMemory.outside()} (or copied out with
 * {@code INDArray.detach()}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Optimizer {

    /** Applies one update to every parameter using {@link Parameter#gradient()}. */
    void step(List<Parameter> parameters);

    /**
     * Multiplies the configured learning rate by {@code factor} for the coming steps, until called again — how the
     * trainer applies a {@code LearningRateSchedule}; 1 restores the configured rate. The factor is not part of
     * {@link #state}: the trainer sets it before every step from the step's index.
     *
     * @throws UnsupportedOperationException for a factor other than 1, by an optimizer that has no learning rate
     *                                       to scale (the default)
     */
    default void scaleLearningRate(double factor) {
        if (factor != 1) {
            throw new UnsupportedOperationException(getClass().getName() + " does not support learning-rate schedules "
                    + "(it does not implement Optimizer.scaleLearningRate)");
        }
    }

    /** Number of steps taken so far. */
    long iterations();

    /** A copy of the state kept for {@code parameters} (state not yet created is returned as zeros). */
    OptimizerState state(List<Parameter> parameters);

    /**
     * Replaces the state for {@code parameters} by {@code state}, as made by {@link #state} of an
     * optimizer of the same type and configuration over parameters of the same shapes.
     *
     * @throws IllegalArgumentException if the arrays do not match in number or shape
     */
    void restore(OptimizerState state, List<Parameter> parameters);
}
