package org.ae4j.train;

import org.apiguardian.api.API;

/**
 * Observes a training run. Called on the training thread; keep {@link #onBatchEnd} cheap (it runs
 * after every step). Every method has an empty default.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface TrainingListener {

    /** Before the first epoch. */
    default void onTrainingStart(TrainingConfig config, long trainExamples, long validationExamples) {
    }

    default void onBatchEnd(BatchProgress progress) {
    }

    default void onEpochEnd(EpochMetrics metrics) {
    }

    /**
     * After an epoch and its bookkeeping, with what a checkpoint needs besides the model's
     * parameters (which hold that epoch's values during this call).
     */
    default void onEpochCompleted(TrainingState state) {
    }

    default void onTrainingEnd(TrainingResult result) {
    }
}
