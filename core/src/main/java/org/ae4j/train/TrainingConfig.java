package org.ae4j.train;

import org.ae4j.spi.RandomSource;
import org.apiguardian.api.API;

/**
 * How to train: epochs of shuffled mini-batches, an optional validation split with early stopping,
 * optional gradient clipping, and the seed every random decision derives from.
 *
 * @param epochs             passes over the training data, ≥ 1
 * @param batchSize          examples per step, ≥ 1 (the last batch of an epoch may be smaller)
 * @param validationFraction share of the data held out for validation when no validation set is
 *                           given, in [0, 1); 0 disables validation (and early stopping)
 * @param patience           stop after this many epochs without a validation improvement larger than
 *                           {@code minDelta}, and restore the best parameters; 0 disables early stopping
 * @param minDelta           the smallest decrease of the validation loss that counts, ≥ 0
 * @param clipNorm           rescale the gradient when its global L2 norm exceeds this, &gt; 0; 0 disables
 * @param seed               the seed of shuffling, splitting and stochastic layers
 * @param initOutputBias     before the first epoch of a fresh run, set the decoder's output bias so that
 *                           it starts at the training data's marginal (mean; log-odds for logits), as
 *                           Burda, Grosse &amp; Salakhutdinov (2016) do; applies to decoders ending in a
 *                           linear dense layer under a loss that defines it
 * @param workers            data-parallel workers: each batch is cut into this many slices, trained
 *                           side by side on as many threads (each running ND4J on one native thread),
 *                           and their gradients are combined into the whole batch's (see
 *                           {@link org.ae4j.spi.BatchSlice}); 1 trains on the calling thread with ND4J's
 *                           own threads. {@link #AUTO_WORKERS} (0, the default) takes one per available
 *                           core ({@link #workerCount()}), the fastest setting measured on every variant.
 *                           A run is reproducible for a given number of workers (their random streams
 *                           differ from one's): fix it (e.g. 1) to get the same result on machines with
 *                           different numbers of cores
 * @param schedule           how the optimizer's learning rate changes over the planned steps (default
 *                           {@link LearningRateSchedule#constant()}; {@code null} reads as constant, for configs written
 *                           before schedules existed)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TrainingConfig(int epochs, int batchSize, double validationFraction, int patience, double minDelta,
                             double clipNorm, long seed, boolean initOutputBias, int workers,
                             LearningRateSchedule schedule) {

    /** The most data-parallel workers a run may ask for. */
    public static final int MAX_WORKERS = 256;

    /** {@code workers} value meaning one worker per available core, decided when training starts. */
    public static final int AUTO_WORKERS = 0;

    public TrainingConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1), got " + validationFraction);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0 (0 disables early stopping), got " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("minDelta must be a finite number >= 0, got " + minDelta);
        }
        if (!(clipNorm >= 0) || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("clipNorm must be a finite number >= 0 (0 disables clipping), got " + clipNorm);
        }
        if (workers < AUTO_WORKERS || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be in [1, " + MAX_WORKERS + "], or 0 for one per core, got " + workers);
        }
        schedule = schedule == null ? LearningRateSchedule.constant() : schedule;
    }

    /**
     * The number of workers a run uses: {@link #workers()}, or for {@link #AUTO_WORKERS} the cores the JVM may
     * use ({@link Runtime#availableProcessors()}, which follows container CPU limits), at most {@value #MAX_WORKERS}.
     */
    public int workerCount() {
        return workers != AUTO_WORKERS ? workers : Math.min(MAX_WORKERS, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * 10 epochs of 256, 10% validation, no early stopping, no clipping, {@link RandomSource#DEFAULT_SEED},
     * data-dependent output bias, one worker per core, a constant learning rate.
     */
    public static TrainingConfig defaults() {
        return new TrainingConfig(10, 256, 0.1, 0, 0.0, 0.0, RandomSource.DEFAULT_SEED, true, AUTO_WORKERS,
                LearningRateSchedule.constant());
    }

    /**
     * Settings for a table of {@code rows} training rows, the same for every table (no tuning per data set): a
     * batch of {@code n/32} rounded down to a power of two within [16, 256]; enough epochs for about 3,000
     * optimizer steps, between 20 and 500; early stopping on the validation loss with patience 20 (10 % held out).
     * Seed, clipping and workers stay.
     */
    public TrainingConfig forTable(long rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("a table needs at least one training row, got " + rows);
        }
        int batch = Integer.highestOneBit((int) Math.max(1, Math.min(rows / 32, 256)));
        batch = Math.max(16, Math.min(256, batch));
        double validation = rows >= 20 ? 0.1 : 0;
        long steps = Math.max(1, (long) Math.ceil(rows * (1 - validation) / batch));
        int epochs = (int) Math.max(20, Math.min(500, Math.ceil(3000.0 / steps)));
        return new TrainingConfig(epochs, batch, validation, validation > 0 ? 20 : 0, 0.0, clipNorm, seed, initOutputBias, workers, schedule);
    }

    public TrainingConfig withWorkers(int workers) {
        return new TrainingConfig(epochs, batchSize, validationFraction, patience, minDelta, clipNorm, seed, initOutputBias, workers, schedule);
    }

    public TrainingConfig withEpochs(int epochs) {
        return new TrainingConfig(epochs, batchSize, validationFraction, patience, minDelta, clipNorm, seed, initOutputBias, workers, schedule);
    }

    public TrainingConfig withBatchSize(int batchSize) {
        return new TrainingConfig(epochs, batchSize, validationFraction, patience, minDelta, clipNorm, seed, initOutputBias, workers, schedule);
    }

    public TrainingConfig withValidationFraction(double validationFraction) {
        return new TrainingConfig(epochs, batchSize, validationFraction, patience, minDelta, clipNorm, seed, initOutputBias, workers, schedule);
    }

    public TrainingConfig withEarlyStopping(int patience, double minDelta) {
        return new TrainingConfig(epochs, batchSize, validationFraction, patience, minDelta, clipNorm, seed, initOutputBias, workers, schedule);
    }

    public TrainingConfig withClipNorm(double clipNorm) {
        return new TrainingConfig(epochs, batchSize, validationFraction, patience, minDelta, clipNorm, seed, initOutputBias, workers, schedule);
    }

    public TrainingConfig withInitOutputBias(boolean initOutputBias) {
        return new TrainingConfig(epochs, batchSize, validationFraction, patience, minDelta, clipNorm, seed, initOutputBias, workers, schedule);
    }

    public TrainingConfig withSeed(long seed) {
        return new TrainingConfig(epochs, batchSize, validationFraction, patience, minDelta, clipNorm, seed, initOutputBias, workers, schedule);
    }

    public TrainingConfig withSchedule(LearningRateSchedule schedule) {
        return new TrainingConfig(epochs, batchSize, validationFraction, patience, minDelta, clipNorm, seed, initOutputBias, workers,
                java.util.Objects.requireNonNull(schedule, "schedule"));
    }
}
