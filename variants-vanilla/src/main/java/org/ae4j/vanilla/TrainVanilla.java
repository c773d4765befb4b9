package org.ae4j.vanilla;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.ae4j.Ae4j;
import org.ae4j.data.FashionMnist;
import org.ae4j.data.MinMaxNormalizer;
import org.ae4j.model.Autoencoder;
import org.ae4j.registry.Registry;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.Variant;
import org.ae4j.train.Evaluation;
import org.ae4j.train.ProgressLogger;
import org.ae4j.train.Trainer;
import org.ae4j.train.TrainingConfig;
import org.ae4j.train.TrainingListener;
import org.ae4j.train.EpochMetrics;
import org.ae4j.train.TrainingResult;

/**
 * The main job until the {@code ae4j} command exists: trains the {@code vanilla} variant on
 * Fashion-MNIST and prints per-epoch losses and the test MSE.
 *
 * <pre>
 * TrainVanilla [--data DIR | --data auto | --data sample] [--epochs N] [--seed S]
 * </pre>
 * {@code sample} (the default) uses the embedded sample; {@code auto} uses an installed copy when one
 * is found and the sample otherwise.
 */
public final class TrainVanilla {

    private TrainVanilla() {
    }

    public static void main(String[] args) throws IOException {
        String data = "sample";
        Integer epochs = null;
        Long seed = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--data" -> data = require(args[i], value);
                case "--epochs" -> epochs = Integer.parseInt(require(args[i], value));
                case "--seed" -> seed = Long.parseLong(require(args[i], value));
                default -> throw new IllegalArgumentException("unknown option '" + args[i]
                        + "'; usage: TrainVanilla [--data DIR|auto|sample] [--epochs N] [--seed S]");
            }
            i++;
        }
        FashionMnist.Splits splits = switch (data) {
            case "sample" -> FashionMnist.sample();
            case "auto" -> FashionMnist.locate().isPresent() ? FashionMnist.load(FashionMnist.locate().get()) : FashionMnist.sample();
            default -> FashionMnist.load(Path.of(data));
        };
        MinMaxNormalizer normalizer = MinMaxNormalizer.fitGlobal(splits.train());
        var train = normalizer.transform(splits.train());
        var test = normalizer.transform(splits.test());

        Registry registry = Ae4j.registry();
        Variant variant = registry.variant(VanillaVariant.NAME);
        TrainingConfig config = variant.training();
        if (epochs != null) {
            config = config.withEpochs(epochs);
        }
        if (seed != null) {
            config = config.withSeed(seed);
        }
        Autoencoder model = variant.build(train.exampleLength(), BuildContext.of(registry, config.seed()));
        System.out.printf(Locale.ROOT, "ae4j %s on Fashion-MNIST (%s): %d train, %d test, %,d parameters%n",
                variant.name(), splits.source(), train.size(), test.size(), model.parameterCount());
        System.out.println("  " + variant.description());

        TrainingListener printer = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochMetrics m) {
                System.out.printf(Locale.ROOT, "epoch %2d  train loss %.6f  validation loss %.6f  %,8.0f samples/s%n",
                        m.epoch(), m.trainLoss(), m.validationLoss(), m.samplesPerSecond());
            }
        };
        Trainer trainer = new Trainer(config, List.of(printer, new ProgressLogger(Duration.ofSeconds(10))));
        TrainingResult result = trainer.fit(model, variant.optimizer().create(), train);
        double testMse = Evaluation.meanSquaredError(model, test, config.batchSize());
        System.out.printf(Locale.ROOT, "test MSE %.6f  (%d epochs, %,.0f training samples/s after the first epoch)%n",
                testMse, result.history().size(), result.steadySamplesPerSecond());
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
