package org.ae4j.train;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The outcome of {@link Trainer#fit}.
 *
 * @param history            metrics of every completed epoch, in order
 * @param bestEpoch          the epoch whose parameters the model holds at the end (the best validation
 *                           epoch when early stopping restored it, otherwise the last)
 * @param stoppedEarly       whether early stopping ended the run before its planned epochs
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TrainingResult(List<EpochMetrics> history, int bestEpoch, boolean stoppedEarly) {

    public TrainingResult {
        history = List.copyOf(history);
    }

    public EpochMetrics last() {
        return history.get(history.size() - 1);
    }

    /** Mean training throughput over the epochs after the first (the first includes warm-up). */
    public double steadySamplesPerSecond() {
        List<EpochMetrics> steady = history.size() > 1 ? history.subList(1, history.size()) : history;
        long examples = steady.stream().mapToLong(EpochMetrics::examples).sum();
        double seconds = steady.stream().mapToDouble(EpochMetrics::seconds).sum();
        return examples / seconds;
    }
}
