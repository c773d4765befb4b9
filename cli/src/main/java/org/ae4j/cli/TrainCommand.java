package org.ae4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ae4j.apps.AnomalyDetector;
import org.ae4j.apps.AnomalyScorer;
import org.ae4j.config.ConfigCodec;
import org.ae4j.config.ModelConfig;
import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.persist.AnomalyThreshold;
import org.ae4j.persist.Checkpointer;
import org.ae4j.persist.ModelFile;
import org.ae4j.persist.SavedModel;
import org.ae4j.persist.TrainingMetadata;
import org.ae4j.registry.Registry;
import org.ae4j.train.EpochMetrics;
import org.ae4j.train.Evaluation;
import org.ae4j.train.Trainer;
import org.ae4j.train.TrainingConfig;
import org.ae4j.train.TrainingListener;
import org.ae4j.train.TrainingResult;
import org.ae4j.train.TrainingState;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Trains a model, checkpointing every epoch, and saves it. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model and save it as an .ae4j file.",
                "Without --data, the embedded Fashion-MNIST sample is used. A checkpoint is written after every epoch; "
                        + "--resume continues from one exactly as if the run had not stopped."})
final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    Ae4jCommand app;

    /** The variant trained when neither --variant, --config nor --resume is given. */
    static final String DEFAULT_VARIANT = "vanilla";

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    static final class Source {
        @Option(names = "--variant", paramLabel = "NAME", description = "Train this variant with its defaults (default: "
                + DEFAULT_VARIANT + ").")
        String variant;

        @Option(names = "--config", paramLabel = "FILE", description = "Train the model this JSON or YAML config describes.")
        Path config;

        @Option(names = "--resume", paramLabel = "CHECKPOINT", description = "Continue an interrupted run from its checkpoint.")
        Path resume;
    }

    @Option(names = "--data", paramLabel = "DIR|FILE", description = "Directory with Fashion-MNIST-format IDX files, or a "
            + "table: a CSV/TSV file with a header row (text categories, missing values; see docs/data.md).")
    Path data;

    @Option(names = "--test-data", paramLabel = "FILE", description = "Tables: the test rows, read with the training table's "
            + "schema (default: 20%% of --data's rows, held out by a seeded split).")
    Path testData;

    @picocli.CommandLine.Mixin
    TableArgs tableArgs;

    @Option(names = "--format", paramLabel = "KIND", description = "What --data holds, when detection should not decide: "
            + "${COMPLETION-CANDIDATES} (default: detected: .npy/.npz files are numpy, folders of images images, other files tables, "
            + "directories of IDX files idx).")
    TrainingData.Format format;

    @Option(names = "--fpr", paramLabel = "RATE", defaultValue = "0.05", description = "The share of held-out (validation) "
            + "examples the saved anomaly threshold flags (default: ${DEFAULT-VALUE}); 'ae4j score' flags rows above it.")
    double fpr;

    @Option(names = "--mask-cells", paramLabel = "FRACTION", description = "Tables: during training, hide this share of the "
            + "observed cells as if missing (cell-masking), so that the model learns to fill holes — for 'ae4j impute' "
            + "(default: none; a table with its own holes needs little: 0.05 measured best at 30%% missing).")
    Double maskCells;

    @Option(names = "--skip-bad", description = "Image folders: leave out files that do not decode (counted), rather than stop.")
    boolean skipBad;

    @Option(names = "--epochs", paramLabel = "N", description = "Override the number of epochs.")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", description = "Override the batch size.")
    Integer batch;

    @Option(names = "--seed", paramLabel = "S", description = "Override the seed.")
    Long seed;

    @Option(names = "--workers", paramLabel = "N", description = "Override the data-parallel workers (training.workers; default: one per core; "
            + "a fixed number makes a run reproducible across machines).")
    Integer workers;

    @Option(names = "--out", paramLabel = "MODEL", required = true, description = "Where to save the trained model.")
    Path out;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Checkpoint file (default: MODEL.ckpt).")
    Path checkpoint;

    @Option(names = "--keep-checkpoint", description = "Keep the checkpoint after a successful run.")
    boolean keepCheckpoint;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        if (source == null) {
            source = new Source();
            source.variant = DEFAULT_VARIANT;
        }
        Registry registry = app.registry();
        ModelConfig config;
        Autoencoder model;
        TrainingData splits;
        TrainingState resumeFrom = null;
        if (source.resume != null) {
            SavedModel saved = ModelFile.load(source.resume, registry);
            TrainingState state = saved.checkpoint().orElseThrow(() -> new IllegalArgumentException(
                    source.resume + " is a finished model, not a checkpoint; nothing to resume"));
            if (batch != null || seed != null || workers != null) {
                throw new IllegalArgumentException("--batch, --seed and --workers cannot change when resuming: the run continues "
                        + "with the checkpoint's batch " + saved.config().training().batchSize() + ", seed "
                        + saved.config().training().seed() + " and " + saved.config().training().workerCount() + " worker(s)");
            }
            config = epochs == null ? saved.config() : saved.config().withTraining(saved.config().training().withEpochs(epochs));
            model = saved.model();
            splits = TrainingData.read(data, testData, tableArgs, saved.config().training().seed(), skipBad, format);
            if (!splits.table().equals(saved.table())) {
                throw new IllegalArgumentException("the table " + data + ", or the options it is read with (--label, --ignore, --test-data), "
                        + "differ from the checkpoint's; resume with the same table and options");
            }
            resumeFrom = state;
        } else {
            config = source.variant != null ? ModelConfig.defaults(registry.variant(source.variant))
                    : new ConfigCodec(registry).read(source.config);
            splits = TrainingData.read(data, testData, tableArgs, seed != null ? seed : config.training().seed(), skipBad, format);
            if (splits.table().isPresent() && source.variant != null) {
                config = config.forTable(splits.train().exampleLength(), splits.train().size());
            }
            if (maskCells != null) {
                if (splits.table().isEmpty()) {
                    throw new IllegalArgumentException("--mask-cells applies to tables; " + data + " is not one");
                }
                config = config.withCorruption(org.ae4j.data.table.CellMasking.forSchema(splits.table().get(), maskCells));
            }
            config = config.withTraining(overrides(config.training()));
            model = config.build(splits.train().exampleShape(), registry);
        }
        Dataset train = splits.train();
        Dataset test = splits.test();
        splits.table().ifPresent(t -> app.say(TableSummary.of(t, splits.source())));
        if (!Arrays.equals(model.inputShape(), train.exampleShape())) {
            throw new IllegalArgumentException("the model takes examples of shape " + Arrays.toString(model.inputShape())
                    + ", but " + splits.source() + " has " + Arrays.toString(train.exampleShape()));
        }
        TrainingConfig training = config.training();
        Path checkpointFile = checkpoint != null ? checkpoint : out.resolveSibling(out.getFileName() + ".ckpt");
        int workerCount = Trainer.workers(training, model);
        app.say(String.format(Locale.ROOT, "training %s (%,d parameters) on %s: %,d examples (%.0f%% held out for "
                        + "validation), %d epochs of %d, seed %d, %d worker%s%s, %s kernels%s", config.variant(), model.parameterCount(),
                splits.source(), train.size(), 100 * training.validationFraction(), training.epochs(), training.batchSize(),
                training.seed(), workerCount, workerCount == 1 ? "" : "s",
                training.workers() == TrainingConfig.AUTO_WORKERS ? " (one per core; --workers N to fix)" : "", model.kernels().name(),
                training.schedule().isConstant() ? "" : ", learning rate " + training.schedule()));

        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(new EpochPrinter(app, training.epochs()));
        listeners.add(new org.ae4j.train.NativeMemoryRelease());
        if (!noProgress && System.console() != null) {
            listeners.add(new ProgressBarListener(app.err));
        }
        listeners.add(new Checkpointer(checkpointFile, config, model, splits.normalizer(), splits.table(), splits.source(), registry));
        listeners.addAll(app.extraListeners);
        TrainingResult result = new Trainer(training, listeners)
                .resume(model, config.optimizer().create(model.kernels()), train, resumeFrom);

        double testLoss = Evaluation.reconstructionLoss(model, test, training.batchSize());
        double testMse = Evaluation.meanSquaredError(model, test, training.batchSize());
        EpochMetrics last = result.last();
        TrainingMetadata metadata = new TrainingMetadata(result.history().size(), last.trainLoss(), last.validationLoss(),
                splits.source(), training.seed(), Instant.now().toString(), result.steadySamplesPerSecond(),
                org.ae4j.persist.Provenance.of(model.kernels(), workerCount));
        Optional<AnomalyThreshold> threshold = threshold(model, train, training);
        threshold.ifPresent(t -> app.say(String.format(Locale.ROOT, "anomaly threshold %.6g: flags %.1f%% of %,d held-out examples",
                t.threshold(), 100 * t.falsePositiveRate(), t.calibrationRows())));
        ModelFile.save(out, new SavedModel(config, model.inputShape(), splits.normalizer(), model, metadata,
                Optional.empty(), splits.table(), threshold), registry);
        if (!keepCheckpoint) {
            Files.deleteIfExists(checkpointFile);
        }
        app.say(String.format(Locale.ROOT, "test loss %.6f  test MSE %.6f  (%,d test examples)", testLoss, testMse, test.size()));
        app.say("saved " + out + (result.stoppedEarly() ? " (stopped early; parameters of epoch " + result.bestEpoch() + ")" : ""));

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("epochs", result.history().size());
        json.put("train_loss", Ae4jCommand.number(last.trainLoss()));
        json.put("val_loss", Ae4jCommand.number(last.validationLoss()));
        json.put("train_samples_per_sec", Ae4jCommand.number(result.steadySamplesPerSecond()));
        json.put("test_loss", Ae4jCommand.number(testLoss));
        json.put("test_mse", Ae4jCommand.number(testMse));
        json.put("stopped_early", result.stoppedEarly());
        json.put("best_epoch", result.bestEpoch());
        json.put("model", out.toString());
        app.result(json);
        return Cli.OK;
    }

    /** The threshold at {@code --fpr} of the examples training held out for validation, when it held some out. */
    private Optional<AnomalyThreshold> threshold(Autoencoder model, Dataset train, TrainingConfig training) {
        if (!(fpr > 0 && fpr < 1)) {
            throw new IllegalArgumentException("--fpr must be in (0, 1), got " + fpr);
        }
        if (training.validationFraction() == 0) {
            return Optional.empty();
        }
        Dataset heldOut = Trainer.validationSplit(train, training).validation();
        AnomalyDetector detector = AnomalyDetector.calibrate(AnomalyScorer.reconstructionError(model), heldOut, fpr);
        return Optional.of(new AnomalyThreshold(fpr, detector.threshold(), heldOut.size()));
    }

    private TrainingConfig overrides(TrainingConfig training) {
        TrainingConfig t = training;
        if (epochs != null) {
            t = t.withEpochs(epochs);
        }
        if (batch != null) {
            t = t.withBatchSize(batch);
        }
        if (seed != null) {
            t = t.withSeed(seed);
        }
        if (workers != null) {
            t = t.withWorkers(workers);
        }
        return t;
    }

    /** One line per epoch on standard output. */
    private record EpochPrinter(Ae4jCommand app, int epochs) implements TrainingListener {
        @Override
        public void onEpochEnd(EpochMetrics m) {
            app.say(String.format(Locale.ROOT, "epoch %d/%d  train loss %.6f  val loss %s  %,.0f samples/s  %.1f s",
                    m.epoch(), epochs, m.trainLoss(),
                    m.hasValidation() ? String.format(Locale.ROOT, "%.6f", m.validationLoss()) : "-",
                    m.samplesPerSecond(), m.seconds()));
        }
    }
}
