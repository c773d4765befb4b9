package org.ae4j.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ae4j.apps.AnomalyScorer;
import org.ae4j.apps.Roc;
import org.ae4j.data.Dataset;
import org.ae4j.data.FashionMnist;
import org.ae4j.data.table.TableReader;
import org.ae4j.data.table.TableSchema;
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

    @Option(names = "--positive", paramLabel = "VALUE", description = "Tables with a label: the label value of the anomalies; "
            + "adds roc_auc, pr_auc (average precision), precision_at_n (n = the anomalies), and precision and recall at the "
            + "model's threshold.")
    String positive;

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
        if (positive != null) {
            anomalyMetrics(saved, test, json);
        }
        json.put("data", source);
        app.result(json);
        return Cli.OK;
    }

    /** Detection metrics of the anomaly score against the label value {@code --positive}. */
    private void anomalyMetrics(SavedModel saved, Dataset test, Map<String, Object> json) {
        TableSchema schema = saved.table().filter(t -> t.label().isPresent()).orElseThrow(() -> new IllegalArgumentException(
                "--positive needs a model trained on a table with --label; " + model + " has no label column"));
        int index = schema.labelClasses().indexOf(positive);
        if (index < 0) {
            throw new IllegalArgumentException("--positive " + positive + " is not a value of the label column '" + schema.label().get()
                    + "'; its values: " + String.join(", ", schema.labelClasses()));
        }
        int[] labels = test.labels().orElseThrow(() -> new IllegalArgumentException(data + " has no label column '"
                + schema.label().get() + "' to tell the anomalies by"));
        boolean[] anomalous = new boolean[labels.length];
        int positives = 0;
        for (int i = 0; i < labels.length; i++) {
            anomalous[i] = labels[i] == index;
            positives += anomalous[i] ? 1 : 0;
        }
        if (positives == 0 || positives == labels.length) {
            throw new IllegalArgumentException("the evaluated rows have " + positives + " of " + labels.length + " rows labelled '"
                    + positive + "'; detection metrics need both kinds");
        }
        double[] scores = AnomalyScorer.reconstructionError(saved.model()).scores(test);
        double auc = Roc.auroc(scores, anomalous);
        double ap = Roc.averagePrecision(scores, anomalous);
        double atN = Roc.precisionAt(positives, scores, anomalous);
        json.put("positives", positives);
        json.put("roc_auc", Ae4jCommand.number(auc));
        json.put("pr_auc", Ae4jCommand.number(ap));
        json.put("precision_at_n", Ae4jCommand.number(atN));
        String line = String.format(Locale.ROOT, "anomalies '%s': %d of %d rows; ROC-AUC %.4f  PR-AUC %.4f  precision@%d %.4f", positive,
                positives, labels.length, auc, ap, positives, atN);
        if (saved.threshold().isPresent()) {
            double cut = saved.threshold().get().threshold();
            int flagged = 0;
            int hits = 0;
            for (int i = 0; i < scores.length; i++) {
                if (scores[i] > cut) {
                    flagged++;
                    hits += anomalous[i] ? 1 : 0;
                }
            }
            double precision = flagged == 0 ? Double.NaN : (double) hits / flagged;
            double recall = (double) hits / positives;
            json.put("precision_at_threshold", Ae4jCommand.number(precision));
            json.put("recall_at_threshold", Ae4jCommand.number(recall));
            json.put("flagged", flagged);
            line += String.format(Locale.ROOT, "; at the threshold: %d flagged, precision %.4f, recall %.4f", flagged, precision, recall);
        }
        app.say(line);
    }
}
