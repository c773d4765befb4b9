package org.ae4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.ae4j.apps.AnomalyScorer;
import org.ae4j.apps.Pca;
import org.ae4j.apps.Roc;
import org.ae4j.data.Dataset;
import org.ae4j.data.table.Table;
import org.ae4j.data.table.TableOptions;
import org.ae4j.data.table.TableReader;
import org.ae4j.model.Autoencoder;
import org.ae4j.registry.Registry;
import org.ae4j.train.NativeMemoryRelease;
import org.ae4j.train.Trainer;
import org.ae4j.train.TrainingConfig;
import org.ae4j.variant.DenseAutoencoderSpec;
import org.ae4j.variant.Variant;
import org.apiguardian.api.API;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The ae4j side of the tabular anomaly-detection suite: on every split {@code SETS/<set>/seed<k>/{train,test}.csv}
 * (made by {@code bench/reference/tabular_anomaly.py prepare}), the default detector — the {@code vanilla} variant
 * with its table defaults, trained unsupervised on the training part (outliers included, the label unused) — and
 * PCA reconstruction error at the same code size score the test part; ROC-AUC and average precision against its
 * labels, and the seconds taken, one {@link Result} per set, seed and detector.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class TabularSuite {

    /** One detector's figures on one split. */
    public record Result(String set, int seed, String detector, double rocAuc, double prAuc, double fitSeconds, double scoreSeconds) {
    }

    /** The label column the Python side writes. */
    static final String LABEL = "outlier";

    private final Registry registry;

    public TabularSuite(Registry registry) {
        this.registry = registry;
    }

    /** Every split under {@code sets}, in name order. */
    public List<Result> run(Path sets, java.util.function.Consumer<String> log) throws IOException {
        List<Result> results = new ArrayList<>();
        List<Path> splits;
        try (Stream<Path> walk = Files.walk(sets, 2)) {
            splits = walk.filter(p -> Files.isRegularFile(p.resolve("train.csv"))).sorted().toList();
        }
        if (splits.isEmpty()) {
            throw new IllegalArgumentException(sets + " holds no <set>/seed<k>/train.csv; make them with bench/reference/tabular_anomaly.py prepare");
        }
        for (Path split : splits) {
            String set = split.getParent().getFileName().toString();
            int seed = Integer.parseInt(split.getFileName().toString().replace("seed", ""));
            results.addAll(split(set, seed, split));
            log.accept(String.format(Locale.ROOT, "tabular: %s seed %d: ae4j ROC-AUC %.4f, PCA %.4f", set, seed,
                    results.get(results.size() - 2).rocAuc(), results.get(results.size() - 1).rocAuc()));
        }
        return results;
    }

    private List<Result> split(String set, int seed, Path split) throws IOException {
        TableOptions options = TableOptions.defaults().withLabel(LABEL);
        Table train = TableReader.fit(split.resolve("train.csv"), options, 0, seed).train();
        Table test = TableReader.read(split.resolve("test.csv"), train.schema(), Optional.empty());
        int positive = train.schema().labelClasses().indexOf("1");
        boolean[] outlier = new boolean[test.data().size()];
        int[] labels = test.data().labels().orElseThrow();
        for (int i = 0; i < labels.length; i++) {
            outlier[i] = labels[i] == positive;
        }

        Variant vanilla = registry.variant("vanilla");
        DenseAutoencoderSpec spec = ((DenseAutoencoderSpec) vanilla.spec()).forTable(train.data().exampleLength());
        TrainingConfig training = vanilla.training().withSeed(seed).forTable(train.data().size());
        long start = System.nanoTime();
        Autoencoder model = spec.build(train.data().exampleShape(), org.ae4j.spi.BuildContext.of(registry, seed));
        new Trainer(training, List.of(new NativeMemoryRelease())).fit(model, vanilla.optimizer().create(registry.kernels()), train.data());
        double fit = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        double[] scores = AnomalyScorer.reconstructionError(model).scores(test.data());
        double score = (System.nanoTime() - start) / 1e9;
        Result ae4j = new Result(set, seed, "ae4j (vanilla, table defaults)", Roc.auroc(scores, outlier), Roc.averagePrecision(scores, outlier),
                fit, score);

        start = System.nanoTime();
        Dataset filledTrain = filled(train.data());
        Pca pca = Pca.fit(filledTrain);
        Autoencoder projection = pca.autoencoder((int) spec.codeSize(), registry.kernels());
        fit = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        double[] pcaScores = AnomalyScorer.reconstructionError(projection).scores(filled(test.data()));
        score = (System.nanoTime() - start) / 1e9;
        Result pcaResult = new Result(set, seed, "PCA (same code size)", Roc.auroc(pcaScores, outlier), Roc.averagePrecision(pcaScores, outlier),
                fit, score);
        return List.of(ae4j, pcaResult);
    }

    /** Missing cells set to 0 — the training mean of their standardised column — for PCA, which needs complete rows. */
    private static Dataset filled(Dataset data) {
        var features = data.features().dup();
        BooleanIndexing.replaceWhere(features, 0.0, Conditions.isNan());
        return Dataset.of(features);
    }
}
