package org.ae4j.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ae4j.data.Dataset;
import org.ae4j.data.FashionMnist;
import org.ae4j.data.table.TableReader;
import org.ae4j.persist.ModelFile;
import org.ae4j.persist.SavedModel;
import org.ae4j.spi.RandomSource;
import org.ae4j.train.Evaluation;
import org.ae4j.vae.Vae;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Evaluates a saved model on test data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a model on the test split (the embedded sample's without --data).",
                "test_loss is the model's own loss; test_mse the per-value squared error in normalized data space."})
final class EvaluateCommand implements Callable<Integer> {

    @ParentCommand
    Ae4jCommand app;

    @Option(names = "--model", paramLabel = "MODEL", required = true, description = "A model saved by 'ae4j train'.")
    Path model;

    @Option(names = "--data", paramLabel = "DIR|FILE", description = "Directory with Fashion-MNIST-format IDX files; for a model "
            + "trained on a table, a table read with its schema: the training file (its held-out rows are evaluated) or another.")
    Path data;

    @Option(names = "--iw", paramLabel = "K",
            description = "For a VAE: also the importance-weighted bound on -log p(x) with K samples (test_iw_nll).")
    Integer iw;

    @Option(names = "--samples", paramLabel = "S", defaultValue = "1",
            description = "For a VAE: posterior samples per example in the ELBO estimate (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "For a VAE: seed of the Monte-Carlo estimates (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        SavedModel saved = ModelFile.load(model, app.registry());
        Dataset test;
        String source;
        if (saved.table().isPresent()) {
            if (data == null) {
                throw new IllegalArgumentException(model + " was trained on a table: give one with --data FILE");
            }
            test = TableReader.readHeldOut(data, saved.table().get(), java.util.Optional.empty()).data();
            source = data.toString();
        } else {
            FashionMnist.Splits splits = app.data(data);
            test = saved.normalizer().map(n -> n.transform(splits.test())).orElse(splits.test());
            source = splits.source();
        }
        if (!Arrays.equals(saved.inputShape(), test.exampleShape())) {
            throw new IllegalArgumentException("the model takes examples of shape " + Arrays.toString(saved.inputShape())
                    + ", but " + source + " has " + Arrays.toString(test.exampleShape()));
        }
        int batch = saved.config().training().batchSize();
        double testLoss = Evaluation.reconstructionLoss(saved.model(), test, batch);
        double testMse = Evaluation.meanSquaredError(saved.model(), test, batch);
        app.say(String.format(Locale.ROOT, "%s: test loss %.6f  test MSE %.6f  (%,d examples of %s)", model,
                testLoss, testMse, test.size(), source));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("test_loss", Ae4jCommand.number(testLoss));
        json.put("test_mse", Ae4jCommand.number(testMse));
        json.put("samples", test.size());
        json.put("variant", saved.config().variant());
        if (Vae.supports(saved.model())) {
            Vae vae = new Vae(saved.model());
            double elbo = vae.negativeElbo(test, batch, samples, new RandomSource(seed));
            json.put("test_neg_elbo", Ae4jCommand.number(elbo));
            String line = String.format(Locale.ROOT, "test negative ELBO %.3f nats per example (%d sample%s)", elbo, samples,
                    samples == 1 ? "" : "s");
            if (iw != null) {
                double nll = vae.importanceWeightedNll(test, batch, iw, new RandomSource(seed));
                json.put("test_iw_nll", Ae4jCommand.number(nll));
                line += String.format(Locale.ROOT, "; importance-weighted -log p(x) %.3f (k = %d)", nll, iw);
            }
            app.say(line);
        } else if (iw != null) {
            throw new IllegalArgumentException("--iw needs a variational autoencoder; " + model + " is a '"
                    + saved.config().variant() + "' model");
        }
        json.put("data", source);
        app.result(json);
        return Cli.OK;
    }
}
