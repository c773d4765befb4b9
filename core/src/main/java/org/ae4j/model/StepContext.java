package org.ae4j.model;

import java.util.Objects;
import java.util.Optional;
import org.ae4j.spi.BatchSlice;
import org.ae4j.spi.RandomSource;
import org.apiguardian.api.API;

/**
 * What one training step draws on besides its data: the randomness of stochastic parts (a VAE's samples,
 * a stochastic penalty's noise), the randomness of the input corruption, the 1-based epoch (for schedules
 * such as a KL warm-up), and — in data-parallel training only — the slice of the batch this pass is.
 *
 * @param random           randomness for stochastic bottlenecks and penalties
 * @param corruptionRandom randomness for the training-time input corruption
 * @param epoch            1-based epoch of the training run; 0 outside one (schedules at their final value)
 * @param slice            the slice of a batch split across data-parallel workers; empty for a whole batch
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record StepContext(RandomSource random, RandomSource corruptionRandom, int epoch, Optional<BatchSlice> slice) {

    public StepContext {
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(corruptionRandom, "corruptionRandom");
        Objects.requireNonNull(slice, "slice");
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
    }

    /** A whole-batch step in epoch {@code epoch} with these two streams. */
    public static StepContext of(RandomSource random, RandomSource corruptionRandom, int epoch) {
        return new StepContext(random, corruptionRandom, epoch, Optional.empty());
    }

    /** A whole-batch step outside a training run, every stream split from {@code random}. */
    public static StepContext of(RandomSource random) {
        return of(random, random.split("corruption"), 0);
    }

    /** The same step on one slice of a data-parallel batch. */
    public StepContext onSlice(BatchSlice batchSlice) {
        return new StepContext(random, corruptionRandom, epoch, Optional.of(batchSlice));
    }
}
