package org.ae4j.train;

import java.util.List;
import java.util.Objects;
import org.ae4j.spi.OptimizerState;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything besides the model's parameters that a run needs to continue exactly where it stopped:
 * written into checkpoints after every epoch, and given to {@link Trainer#resume}.
 *
 * @param epochsCompleted          epochs finished
 * @param history                  their metrics
 * @param bestValidationLoss       the best validation loss so far ({@code +∞} when none)
 * @param bestEpoch                its epoch (0 when none)
 * @param epochsWithoutImprovement epochs since the best one
 * @param bestParameters           copies of the best epoch's parameters when early stopping keeps
 *                                 them, otherwise empty
 * @param optimizer                the optimizer's state
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TrainingState(int epochsCompleted, List<EpochMetrics> history, double bestValidationLoss, int bestEpoch,
                            int epochsWithoutImprovement, List<INDArray> bestParameters, OptimizerState optimizer) {

    public TrainingState {
        history = List.copyOf(history);
        bestParameters = List.copyOf(bestParameters);
        Objects.requireNonNull(optimizer, "optimizer");
        if (epochsCompleted < 0 || epochsCompleted != history.size()) {
            throw new IllegalArgumentException("epochsCompleted " + epochsCompleted + " must equal the "
                    + history.size() + " epochs of history");
        }
    }
}
