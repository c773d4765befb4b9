package org.ae4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.model.StepContext;
import org.ae4j.model.StepLoss;
import org.ae4j.spi.ElementwiseOptimizer;
import org.ae4j.spi.Optimizer;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.ParameterBlock;
import org.ae4j.spi.RandomSource;
import org.ae4j.util.StepMemory;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains an {@link Autoencoder}: epochs of shuffled mini-batches, optional validation with early
 * stopping (restoring the best parameters), optional gradient clipping by global norm, and a guard
 * that stops on a non-finite loss before the diverging update is applied.
 *
 * <p>Reproducible: shuffling, splitting and stochastic layers draw from streams split off
 * {@link TrainingConfig#seed()}, so one seed gives bit-identical losses on one machine with one thread
 * setting. A trainer holds no state between calls to {@code fit}, so one trainer can serve many runs.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Trainer {

    private final TrainingConfig config;
    private final List<TrainingListener> listeners;
    private final StepMemory stepMemory = new StepMemory("ae4j-training-step");

    /**
     * The order in which {@link #fit} visits the training examples in epoch {@code epoch} (1-based)
     * of a run with {@code seed} and {@code examples} training examples, batch after batch — for
     * replaying the same run elsewhere (e.g. the PyTorch reference of {@code ae4j bench --vs-pytorch}).
     */
    public static int[] shuffleOrder(long seed, int epoch, int examples) {
        return shuffling(new RandomSource(seed), epoch).permutation(examples);
    }

    private static RandomSource shuffling(RandomSource root, int epoch) {
        return root.split("shuffle").split("epoch " + epoch);
    }

    public Trainer(TrainingConfig config, List<? extends TrainingListener> listeners) {
        this.config = Objects.requireNonNull(config, "config");
        this.listeners = List.copyOf(listeners);
    }

    public Trainer(TrainingConfig config) {
        this(config, List.of());
    }

    public TrainingConfig config() {
        return config;
    }

    /**
     * Trains on {@code data}, holding out {@link TrainingConfig#validationFraction()} of it for
     * validation (none when the fraction is 0).
     */
    public TrainingResult fit(Autoencoder model, Optimizer optimizer, Dataset data) {
        return resume(model, optimizer, data, null);
    }

    /** Trains on {@code train}, validating on {@code validation}; the validation fraction is ignored. */
    public TrainingResult fit(Autoencoder model, Optimizer optimizer, Dataset train, Dataset validation) {
        return run(model, optimizer, train, Objects.requireNonNull(validation, "validation"), null);
    }

    /**
     * Continues a run from a checkpoint: {@code model} must hold the checkpoint's parameters, and
     * {@code data} and this trainer's configuration must be those of the interrupted run; the result
     * is then the same as that of an uninterrupted run. {@code state == null} starts afresh.
     */
    public TrainingResult resume(Autoencoder model, Optimizer optimizer, Dataset data, TrainingState state) {
        if (config.validationFraction() == 0) {
            return run(model, optimizer, data, null, state);
        }
        Dataset.Split split = validationSplit(data, config);
        return run(model, optimizer, split.train(), split.validation(), state);
    }

    /**
     * The examples {@link #fit(Autoencoder, Optimizer, Dataset)} trains on and the ones it holds out for
     * validation under {@code config} (its seed and validation fraction > 0) — e.g. to calibrate an anomaly
     * threshold on examples the model did not train on.
     */
    public static Dataset.Split validationSplit(Dataset data, TrainingConfig config) {
        if (config.validationFraction() == 0) {
            throw new IllegalArgumentException("the training config holds nothing out (validationFraction 0)");
        }
        return data.split(config.validationFraction(), new RandomSource(config.seed()).split("validation-split"));
    }

    private TrainingResult run(Autoencoder model, Optimizer optimizer, Dataset train, Dataset validation,
                               TrainingState resumed) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        DataType type = model.parameters().isEmpty() ? train.dataType() : model.parameters().get(0).value().dataType();
        Dataset trainData = checked(model, train.castTo(type), "training");
        Dataset validationData = validation == null ? null : checked(model, validation.castTo(type), "validation");
        if (config.patience() > 0 && validationData == null) {
            throw new IllegalArgumentException("early stopping (patience " + config.patience()
                    + ") needs validation data: set validationFraction > 0 or pass a validation set");
        }
        Progress progress = resumed == null ? new Progress() : Progress.of(resumed);
        if (resumed != null) {
            optimizer.restore(resumed.optimizer(), model.parameters());
        } else if (config.initOutputBias()) {
            OutputBias.initialize(model, trainData);
        }
        listeners.forEach(l -> l.onTrainingStart(config, trainData.size(), validationData == null ? 0 : validationData.size()));
        RandomSource root = new RandomSource(config.seed());
        long plannedSteps = (long) config.epochs() * trainData.batchCount(config.batchSize());
        scheduleLearningRate(optimizer, 0, plannedSteps);                   // refuses a schedule before the first epoch
        int workers = workers(config, model);
        try (DataParallelStep parallel = workers > 1 ? new DataParallelStep(model, workers, stepMemory) : null) {
            for (int epoch = progress.history.size() + 1; epoch <= config.epochs() && !patienceExhausted(progress.withoutImprovement);
                 epoch++) {
                EpochMetrics metrics = trainEpoch(model, optimizer, trainData, epoch, root, parallel, plannedSteps);
                double validationLoss = validationData == null ? Double.NaN
                        : Evaluation.objective(model, validationData, config.batchSize(), root.split("validation"));
                EpochMetrics measured = new EpochMetrics(epoch, metrics.trainLoss(), validationLoss, metrics.examples(),
                        metrics.seconds());
                listeners.forEach(l -> l.onEpochEnd(measured));
                progress.record(measured, validationData != null, model, config);
                TrainingState state = progress.state(optimizer.state(model.parameters()));
                listeners.forEach(l -> l.onEpochCompleted(state));
            }
        } finally {
            stepMemory.release();
            if (!config.schedule().isConstant()) {
                optimizer.scaleLearningRate(1);                          // the configured rate again, for a later run
            }
        }
        boolean stoppedEarly = patienceExhausted(progress.withoutImprovement) && progress.history.size() < config.epochs();
        int heldEpoch = progress.history.size();
        if (!progress.bestParameters.isEmpty() && progress.bestEpoch != progress.history.size()) {
            restore(model.parameters(), progress.bestParameters);
            heldEpoch = progress.bestEpoch;
        }
        TrainingResult result = new TrainingResult(progress.history, heldEpoch, stoppedEarly);
        listeners.forEach(l -> l.onTrainingEnd(result));
        return result;
    }

    /**
     * The data-parallel workers {@code config} trains {@code model} with: {@link TrainingConfig#workerCount()}, except
     * that {@link TrainingConfig#AUTO_WORKERS} falls back to one for a model whose parameters are not packed in one
     * block (an explicit count for such a model is refused when training starts).
     */
    public static int workers(TrainingConfig config, Autoencoder model) {
        if (config.workers() == TrainingConfig.AUTO_WORKERS && ParameterBlock.of(model.parameters()).isEmpty()) {
            return 1;
        }
        return config.workerCount();
    }

    /**
     * One epoch of shuffled mini-batches: per batch the schedule's learning rate, a step in the step memory (on the
     * data-parallel lanes when there are any, which also update their ranges of the parameter block when they can),
     * the divergence guard, and else clipping and the optimizer's update.
     * Returns the epoch's mean training loss, examples and seconds (no validation yet).
     */
    private EpochMetrics trainEpoch(Autoencoder model, Optimizer optimizer, Dataset data, int epoch, RandomSource root,
                                    DataParallelStep parallel, long plannedSteps) {
        RandomSource stochastic = root.split("model").split("epoch " + epoch);
        RandomSource corrupting = root.split("corruption").split("epoch " + epoch);
        if (parallel != null) {
            parallel.startEpoch(stochastic, corrupting);
        }
        StepContext step = StepContext.of(stochastic, corrupting, epoch);
        ElementwiseOptimizer inLanes = updatesInLanes(optimizer, model, parallel);
        int batches = data.batchCount(config.batchSize());
        long start = System.nanoTime();
        double lossSum = 0;
        long examples = 0;
        int batchIndex = 0;
        for (INDArray batch : data.shuffledBatches(config.batchSize(), shuffling(root, epoch))) {
            batchIndex++;
            StepLoss loss;
            try (MemoryWorkspace ignored = stepMemory.open()) {
                scheduleLearningRate(optimizer, (long) (epoch - 1) * batches + batchIndex - 1, plannedSteps);
                loss = parallel == null ? model.trainingStep(batch, step) : parallel.step(batch, epoch, inLanes);
                if (!Double.isFinite(loss.total())) {                // the lanes did not update either
                    throw new DivergenceException(epoch, batchIndex, "loss is " + loss.total() + " (reconstruction "
                            + loss.reconstruction() + ", bottleneck " + loss.bottleneck() + ", penalty " + loss.penalty() + ")");
                }
                if (inLanes == null) {
                    if (config.clipNorm() > 0) {
                        clipGradients(model.parameters(), config.clipNorm(), epoch, batchIndex);
                    }
                    optimizer.step(model.parameters());
                }
            }
            long n = batch.size(0);
            lossSum += loss.total() * n;
            examples += n;
            BatchProgress progress = new BatchProgress(epoch, config.epochs(), batchIndex, batches, examples,
                    System.nanoTime() - start, loss.total());
            listeners.forEach(l -> l.onBatchEnd(progress));
        }
        return new EpochMetrics(epoch, lossSum / examples, Double.NaN, examples, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The optimizer when data-parallel lanes can apply its update to their ranges of the parameter block right after
     * combining them ({@link ElementwiseOptimizer}, no gradient clipping, which needs the whole gradient's norm first);
     * else null: the update runs after the lanes.
     */
    private ElementwiseOptimizer updatesInLanes(Optimizer optimizer, Autoencoder model, DataParallelStep parallel) {
        if (parallel != null && config.clipNorm() == 0 && optimizer instanceof ElementwiseOptimizer elementwise
                && elementwise.prepareRanges(model.parameters())) {
            return elementwise;
        }
        return null;
    }

    /**
     * Sets the optimizer's learning-rate factor for step {@code step} of {@code plannedSteps} from the config's
     * schedule (nothing for a constant one, so optimizers without {@link Optimizer#scaleLearningRate} train as before).
     */
    private void scheduleLearningRate(Optimizer optimizer, long step, long plannedSteps) {
        LearningRateSchedule schedule = config.schedule();
        if (schedule.isConstant()) {
            return;
        }
        try {
            optimizer.scaleLearningRate(schedule.factor(step, plannedSteps));
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException("training.schedule " + schedule + " needs an optimizer that scales its "
                    + "learning rate: " + e.getMessage(), e);
        }
    }

    /** The run's bookkeeping between epochs: history, the best validation loss and, for early stopping, its parameters. */
    private static final class Progress {
        private final List<EpochMetrics> history = new ArrayList<>();
        private List<INDArray> bestParameters = List.of();
        private double bestLoss = Double.POSITIVE_INFINITY;
        private int bestEpoch;
        private int withoutImprovement;

        static Progress of(TrainingState resumed) {
            Progress p = new Progress();
            p.history.addAll(resumed.history());
            p.bestParameters = resumed.bestParameters();
            p.bestLoss = resumed.bestValidationLoss();
            p.bestEpoch = resumed.bestEpoch();
            p.withoutImprovement = resumed.epochsWithoutImprovement();
            return p;
        }

        void record(EpochMetrics metrics, boolean validated, Autoencoder model, TrainingConfig config) {
            history.add(metrics);
            if (!validated) {
                return;
            }
            if (metrics.validationLoss() < bestLoss - config.minDelta()) {
                bestLoss = metrics.validationLoss();
                bestEpoch = metrics.epoch();
                withoutImprovement = 0;
                if (config.patience() > 0) {
                    bestParameters = snapshot(model.parameters());
                }
            } else {
                withoutImprovement++;
            }
        }

        TrainingState state(org.ae4j.spi.OptimizerState optimizer) {
            return new TrainingState(history.size(), history, bestLoss, bestEpoch, withoutImprovement, bestParameters, optimizer);
        }
    }

    private boolean patienceExhausted(int epochsWithoutImprovement) {
        return config.patience() > 0 && epochsWithoutImprovement >= config.patience();
    }

    private static Dataset checked(Autoencoder model, Dataset data, String what) {
        if (!java.util.Arrays.equals(model.inputShape(), data.exampleShape())) {
            throw new IllegalArgumentException("the model takes examples of shape " + java.util.Arrays.toString(model.inputShape())
                    + ", but the " + what + " data has " + java.util.Arrays.toString(data.exampleShape()));
        }
        return data;
    }

    /** Scales every gradient by {@code maxNorm / ‖g‖} when the global norm {@code ‖g‖} exceeds {@code maxNorm}. */
    public static void clipGradients(List<Parameter> parameters, double maxNorm, int epoch, int batch) {
        double sumOfSquares = 0;
        for (Parameter p : parameters) {
            double norm = p.gradient().norm2Number().doubleValue();
            sumOfSquares += norm * norm;
        }
        double norm = Math.sqrt(sumOfSquares);
        if (!Double.isFinite(norm)) {
            throw new DivergenceException(epoch, batch, "gradient norm is " + norm);
        }
        if (norm > maxNorm) {
            double scale = maxNorm / norm;
            for (Parameter p : parameters) {
                p.gradient().muli(scale);
            }
        }
    }

    private static List<INDArray> snapshot(List<Parameter> parameters) {
        return parameters.stream().map(p -> p.value().dup()).toList();
    }

    private static void restore(List<Parameter> parameters, List<INDArray> values) {
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).value().assign(values.get(i));
        }
    }
}
