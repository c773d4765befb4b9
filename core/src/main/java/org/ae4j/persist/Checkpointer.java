package org.ae4j.persist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.ae4j.config.ModelConfig;
import org.ae4j.data.MinMaxNormalizer;
import org.ae4j.data.table.TableSchema;
import org.ae4j.model.Autoencoder;
import org.ae4j.registry.Registry;
import org.ae4j.train.EpochMetrics;
import org.ae4j.train.Trainer;
import org.ae4j.train.TrainingListener;
import org.ae4j.train.TrainingState;
import org.apiguardian.api.API;

/**
 * A listener that writes a checkpoint — an ordinary model file with the training state — after
 * every epoch, atomically, so that an interrupted run leaves the last completed epoch loadable and
 * resumable ({@link org.ae4j.train.Trainer#resume}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Checkpointer implements TrainingListener {

    private final Path file;
    private final ModelConfig config;
    private final Autoencoder model;
    private final Optional<MinMaxNormalizer> normalizer;
    private final Optional<TableSchema> table;
    private final String dataset;
    private final Registry registry;

    /** @param table the schema of the training table, saved with the checkpoint, when the model learns from a table */
    public Checkpointer(Path file, ModelConfig config, Autoencoder model, Optional<MinMaxNormalizer> normalizer,
                        Optional<TableSchema> table, String dataset, Registry registry) {
        this.file = Objects.requireNonNull(file, "file");
        this.config = Objects.requireNonNull(config, "config");
        this.model = Objects.requireNonNull(model, "model");
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.table = Objects.requireNonNull(table, "table");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public Path file() {
        return file;
    }

    @Override
    public void onEpochCompleted(TrainingState state) {
        EpochMetrics last = state.history().get(state.history().size() - 1);
        TrainingMetadata metadata = new TrainingMetadata(state.epochsCompleted(), last.trainLoss(), last.validationLoss(),
                dataset, config.training().seed(), Instant.now().toString(), Double.NaN,
                Provenance.of(model.kernels(), Trainer.workers(config.training(), model)));
        try {
            ModelFile.save(file, new SavedModel(config, model.inputShape(), normalizer, model, metadata, Optional.of(state), table,
                    Optional.empty()),
                    registry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
