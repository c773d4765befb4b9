package org.ae4j.persist;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.ae4j.config.ModelConfig;
import org.ae4j.data.MinMaxNormalizer;
import org.ae4j.data.table.TableSchema;
import org.ae4j.model.Autoencoder;
import org.ae4j.train.TrainingState;
import org.apiguardian.api.API;

/**
 * What a model file holds: the config it was built from, the trained model, the normalizer fitted on
 * its training data, where it came from, and — in a checkpoint — the state to resume training.
 *
 * @param config     the model config
 * @param inputShape per-example input shape
 * @param normalizer the normalizer to apply to raw inputs, if the model was trained on normalized data
 * @param model      the model with its trained parameters
 * @param metadata   provenance
 * @param checkpoint the training state, present in checkpoints
 * @param table      the schema of the table the model was trained on (columns, encodings, label), when it was
 * @param threshold  the anomaly threshold calibrated at training, when one was
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SavedModel(ModelConfig config, long[] inputShape, Optional<MinMaxNormalizer> normalizer, Autoencoder model,
                         TrainingMetadata metadata, Optional<TrainingState> checkpoint, Optional<TableSchema> table,
                         Optional<AnomalyThreshold> threshold) {

    public SavedModel {
        Objects.requireNonNull(config, "config");
        inputShape = inputShape.clone();
        Objects.requireNonNull(normalizer, "normalizer");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(threshold, "threshold");
        if (!Arrays.equals(inputShape, model.inputShape())) {
            throw new IllegalArgumentException("input shape " + Arrays.toString(inputShape) + " differs from the model's "
                    + Arrays.toString(model.inputShape()));
        }
    }

    /** A model not trained on a table. */
    public SavedModel(ModelConfig config, long[] inputShape, Optional<MinMaxNormalizer> normalizer, Autoencoder model,
                      TrainingMetadata metadata, Optional<TrainingState> checkpoint) {
        this(config, inputShape, normalizer, model, metadata, checkpoint, Optional.empty(), Optional.empty());
    }

    @Override
    public long[] inputShape() {
        return inputShape.clone();
    }
}
