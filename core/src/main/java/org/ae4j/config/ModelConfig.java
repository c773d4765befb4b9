package org.ae4j.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ae4j.model.Autoencoder;
import org.ae4j.registry.Registry;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.CorruptionSpec;
import org.ae4j.spi.OptimizerSpec;
import org.ae4j.spi.RegularizerSpec;
import org.ae4j.train.TrainingConfig;
import org.ae4j.variant.DenseAutoencoderSpec;
import org.ae4j.variant.Variant;
import org.ae4j.variant.VariantSpec;
import org.apiguardian.api.API;

/**
 * A complete description of a model and how to train it: the variant's name and architecture, extra
 * regularizers, the optimizer and the training settings. Read and written as JSON (or YAML) by
 * {@link ConfigCodec}, where a file names a variant and overrides any part of its defaults:
 *
 * <pre>{@code
 * {
 *   "variant": "vanilla",
 *   "model": {"encoderSizes": [256, 64, 16]},
 *   "regularizers": [{"type": "weight-decay", "lambda": 1e-5}],
 *   "corruption": {"type": "gaussian", "sigma": 0.3},
 *   "optimizer": {"type": "adam", "learningRate": 0.002},
 *   "training": {"epochs": 20, "batchSize": 128, "seed": 7}
 * }
 * }</pre>
 *
 * @param variant      the registered variant name
 * @param model        the architecture, of the variant's spec type
 * @param regularizers penalties added to the variant's own
 * @param optimizer    the optimizer
 * @param training     epochs, batch size, validation, early stopping, clipping, seed
 * @param corruption   the training-time input corruption, if any (denoising and its relatives)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ModelConfig(String variant, VariantSpec model, List<RegularizerSpec> regularizers, OptimizerSpec optimizer,
                          TrainingConfig training, Optional<CorruptionSpec> corruption) {

    public ModelConfig {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(model, "model");
        regularizers = List.copyOf(regularizers);
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(corruption, "corruption");
    }

    /** The variant's own defaults. */
    public static ModelConfig defaults(Variant variant) {
        return new ModelConfig(variant.name(), variant.spec(), variant.regularizers(), variant.optimizer(), variant.training(),
                variant.corruption());
    }

    public ModelConfig withTraining(TrainingConfig training) {
        return new ModelConfig(variant, model, regularizers, optimizer, training, corruption);
    }

    public ModelConfig withModel(VariantSpec model) {
        return new ModelConfig(variant, model, regularizers, optimizer, training, corruption);
    }

    public ModelConfig withCorruption(CorruptionSpec corruption) {
        return new ModelConfig(variant, model, regularizers, optimizer, training, Optional.of(corruption));
    }

    public ModelConfig withOptimizer(OptimizerSpec optimizer) {
        return new ModelConfig(variant, model, regularizers, optimizer, training, corruption);
    }

    /**
     * This config made for a table: its dense architecture sized by the table's {@code width} features
     * ({@link DenseAutoencoderSpec#forTable}) and training settings for its number of {@code rows}
     * ({@link TrainingConfig#forTable}) — what {@code ae4j train} does with a variant's defaults on a table.
     *
     * @throws IllegalArgumentException if the variant's architecture is not a dense one
     */
    public ModelConfig forTable(long width, long rows) {
        if (!(model instanceof DenseAutoencoderSpec dense)) {
            throw new IllegalArgumentException("variant '" + variant + "' has no table defaults yet: train it on a table "
                    + "with a --config whose layers fit the table's " + width + " features, or choose one of "
                    + "the dense variants (vanilla, denoising, sparse, contractive)");
        }
        return withModel(dense.forTable(width)).withTraining(training.forTable(rows));
    }

    /**
     * A new model for examples of {@code inputShape}, initialised from the training seed, with the
     * extra regularizers attached.
     */
    public Autoencoder build(long[] inputShape, Registry registry) {
        Autoencoder built = model.build(inputShape, BuildContext.of(registry, training.seed()));
        Autoencoder regularized = built.withAdditionalRegularizers(
                regularizers.stream().map(r -> r.create(registry.kernels())).toList());
        return corruption.map(c -> regularized.withCorruption(c.create(registry.kernels()))).orElse(regularized);
    }
}
