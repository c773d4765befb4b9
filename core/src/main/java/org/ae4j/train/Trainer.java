package org.ae4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.model.StepContext;
import org.ae4j.model.StepLoss;
import org.ae4j.spi.Optimizer;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.RandomSource;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ae4j.util.StepMemory;
import org.nd4j.linalg.api.memory.MemoryWorkspace;

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
        Dataset.Split split = data.split(config.validationFraction(), new RandomSource(config.seed()).split("validation-split"));
        return run(model, optimizer, split.train(), split.validation(), state);
    }

    private TrainingResult run(Autoencoder model, Optimizer optimizer, Dataset train, Dataset validation,
                               TrainingState resumed) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        DataType type = model.parameters().isEmpty() ? train.dataType() : model.parameters().get(0).value().dataType();
        Dataset trainData = train.castTo(type);
        Dataset validationData = validation == null ? null : validation.castTo(type);
        requireShape(model, trainData, "training");
        if (validationData != null) {
            requireShape(model, validationData, "validation");
        }
        if (config.patience() > 0 && validationData == null) {
            throw new IllegalArgumentException("early stopping (patience " + config.patience()
                    + ") needs validation data: set validationFraction > 0 or pass a validation set");
        }

        RandomSource root = new RandomSource(config.seed());
        List<EpochMetrics> history = new ArrayList<>();
        List<INDArray> bestParameters = List.of();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int epochsWithoutImprovement = 0;
        if (resumed != null) {
            optimizer.restore(resumed.optimizer(), model.parameters());
            history.addAll(resumed.history());
            bestParameters = resumed.bestParameters();
            bestLoss = resumed.bestValidationLoss();
            bestEpoch = resumed.bestEpoch();
            epochsWithoutImprovement = resumed.epochsWithoutImprovement();
        }
        if (resumed == null && config.initOutputBias()) {
            OutputBias.initialize(model, trainData);
        }
        listeners.forEach(l -> l.onTrainingStart(config, trainData.size(), validationData == null ? 0 : validationData.size()));
        int batches = trainData.batchCount(config.batchSize());
        try (DataParallelStep parallel = config.workers() > 1 ? new DataParallelStep(model, config.workers(), stepMemory) : null) {
            for (int epoch = history.size() + 1; epoch <= config.epochs() && !patienceExhausted(epochsWithoutImprovement); epoch++) {
                RandomSource shuffling = shuffling(root, epoch);
                RandomSource stochastic = root.split("model").split("epoch " + epoch);
                RandomSource corrupting = root.split("corruption").split("epoch " + epoch);
                if (parallel != null) {
                    parallel.startEpoch(stochastic, corrupting);
                }
                long start = System.nanoTime();
                double lossSum = 0;
                long examples = 0;
                int batchIndex = 0;
                for (INDArray batch : trainData.shuffledBatches(config.batchSize(), shuffling)) {
                    batchIndex++;
                    StepLoss loss;
                    try (MemoryWorkspace ignored = stepMemory.open()) {
                        loss = parallel != null ? parallel.step(batch, epoch)
                                : model.trainingStep(batch, StepContext.of(stochastic, corrupting, epoch));
                        if (!Double.isFinite(loss.total())) {
                            throw new DivergenceException(epoch, batchIndex, "loss is " + loss.total() + " (reconstruction "
                                    + loss.reconstruction() + ", bottleneck " + loss.bottleneck() + ", penalty " + loss.penalty() + ")");
                        }
                        if (config.clipNorm() > 0) {
                            clipGradients(model.parameters(), config.clipNorm(), epoch, batchIndex);
                        }
                        optimizer.step(model.parameters());
                    }
                    long n = batch.size(0);
                    lossSum += loss.total() * n;
                    examples += n;
                    BatchProgress progress = new BatchProgress(epoch, config.epochs(), batchIndex, batches, examples,
                            System.nanoTime() - start, loss.total());
                    listeners.forEach(l -> l.onBatchEnd(progress));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double validationLoss = validationData == null ? Double.NaN
                        : Evaluation.objective(model, validationData, config.batchSize(), root.split("validation"));
                EpochMetrics metrics = new EpochMetrics(epoch, lossSum / examples, validationLoss, examples, seconds);
                history.add(metrics);
                listeners.forEach(l -> l.onEpochEnd(metrics));

                if (validationData != null && validationLoss < bestLoss - config.minDelta()) {
                    bestLoss = validationLoss;
                    bestEpoch = epoch;
                    epochsWithoutImprovement = 0;
                    if (config.patience() > 0) {
                        bestParameters = snapshot(model.parameters());
                    }
                } else if (validationData != null) {
                    epochsWithoutImprovement++;
                }
                TrainingState state = new TrainingState(epoch, history, bestLoss, bestEpoch, epochsWithoutImprovement,
                        bestParameters, optimizer.state(model.parameters()));
                listeners.forEach(l -> l.onEpochCompleted(state));
            }
        }
        boolean stoppedEarly = patienceExhausted(epochsWithoutImprovement) && history.size() < config.epochs();
        int heldEpoch = history.size();
        if (!bestParameters.isEmpty() && bestEpoch != history.size()) {
            restore(model.parameters(), bestParameters);
            heldEpoch = bestEpoch;
        }
        stepMemory.release();
        TrainingResult result = new TrainingResult(history, heldEpoch, stoppedEarly);
        listeners.forEach(l -> l.onTrainingEnd(result));
        return result;
    }

    private boolean patienceExhausted(int epochsWithoutImprovement) {
        return config.patience() > 0 && epochsWithoutImprovement >= config.patience();
    }

    private static void requireShape(Autoencoder model, Dataset data, String what) {
        if (!java.util.Arrays.equals(model.inputShape(), data.exampleShape())) {
            throw new IllegalArgumentException("the model takes examples of shape " + java.util.Arrays.toString(model.inputShape())
                    + ", but the " + what + " data has " + java.util.Arrays.toString(data.exampleShape()));
        }
    }

    /** Scales every gradient by {@code maxNorm / ‖g‖} when the global norm {@code ‖g‖} exceeds {@code maxNorm}. */
    private static void clipGradients(List<Parameter> parameters, double maxNorm, int epoch, int batch) {
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
