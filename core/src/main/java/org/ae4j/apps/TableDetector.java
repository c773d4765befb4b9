package org.ae4j.apps;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ae4j.data.Dataset;
import org.ae4j.data.table.Table;
import org.ae4j.data.table.TableOptions;
import org.ae4j.data.table.TableReader;
import org.ae4j.data.table.TableSchema;
import org.ae4j.model.Autoencoder;
import org.ae4j.registry.Registry;
import org.ae4j.spi.BuildContext;
import org.ae4j.train.Trainer;
import org.ae4j.train.TrainingConfig;
import org.ae4j.variant.DenseAutoencoderSpec;
import org.ae4j.variant.Variant;
import org.apiguardian.api.API;

/**
 * Anomaly detection on a table in two calls: {@link #fit} reads a CSV, trains the default detector — the
 * {@code vanilla} variant with its table defaults, as {@code ae4j train} does — and calibrates the threshold on the
 * rows training held out; {@link #score} reads another table (columns matched by name) and gives each row its score,
 * flag and the columns that explain it. Scoring is thread-safe: the model is only read, and every call works on
 * arrays of its own.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class TableDetector {

    /**
     * @param table             how to read the table (label, ignored columns, …)
     * @param falsePositiveRate the share of held-out rows the threshold flags, in (0, 1)
     * @param seed              the seed of the split and of training
     */
    public record Options(TableOptions table, double falsePositiveRate, long seed) {
        public Options {
            Objects.requireNonNull(table, "table");
            if (!(falsePositiveRate > 0 && falsePositiveRate < 1)) {
                throw new IllegalArgumentException("the false-positive rate must be in (0, 1), got " + falsePositiveRate);
            }
        }

        /** Default table options, 5 % false positives, the default seed. */
        public static Options defaults() {
            return new Options(TableOptions.defaults(), 0.05, org.ae4j.spi.RandomSource.DEFAULT_SEED);
        }
    }

    /**
     * One scored row.
     *
     * @param row      its index in the table
     * @param id       its value in the table's identifier column, else its index
     * @param score    its reconstruction error
     * @param anomaly  whether the score is above the threshold
     * @param columns  the columns with the largest shares of its error, largest first
     */
    public record Scored(int row, String id, double score, boolean anomaly, Map<String, Double> columns) {
    }

    private final Autoencoder model;
    private final TableSchema schema;
    private final AnomalyDetector detector;
    private final ColumnContributions contributions;

    private TableDetector(Autoencoder model, TableSchema schema, AnomalyDetector detector) {
        this.model = model;
        this.schema = schema;
        this.detector = detector;
        this.contributions = new ColumnContributions(model, schema);
    }

    /** Reads {@code csv} and trains and calibrates the default detector on it. */
    public static TableDetector fit(Path csv, Options options, Registry registry) throws IOException {
        Table table = TableReader.fit(csv, options.table(), 0, options.seed()).train();
        Dataset rows = table.data();
        Variant vanilla = registry.variant("vanilla");
        DenseAutoencoderSpec spec = ((DenseAutoencoderSpec) vanilla.spec()).forTable(rows.exampleLength());
        TrainingConfig training = vanilla.training().withSeed(options.seed()).forTable(rows.size());
        if (training.validationFraction() == 0) {
            throw new IllegalArgumentException(csv + " has " + rows.size() + " rows: too few to hold any out for the threshold");
        }
        Autoencoder model = spec.build(rows.exampleShape(), BuildContext.of(registry, options.seed()));
        new Trainer(training).fit(model, vanilla.optimizer().create(registry.kernels()), rows);
        Dataset heldOut = Trainer.validationSplit(rows, training).validation();
        AnomalyDetector detector = AnomalyDetector.calibrate(AnomalyScorer.reconstructionError(model), heldOut,
                options.falsePositiveRate());
        return new TableDetector(model, table.schema(), detector);
    }

    /** Reads {@code csv} with the fitted schema and scores every row, with its {@code top} explaining columns. */
    public List<Scored> score(Path csv, int top) throws IOException {
        Table table = TableReader.read(csv, schema, Optional.empty());
        return score(table.data(), table.ids(), top);
    }

    /** Scores rows already encoded with the schema ({@link TableReader#read}), ids optional (empty: the index). */
    public List<Scored> score(Dataset rows, List<String> ids, int top) {
        double[] scores = detector.scores(rows);
        double[][] shares = top > 0 ? contributions.shares(rows, 256) : null;
        List<Scored> scored = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            scored.add(new Scored(i, ids.isEmpty() ? String.valueOf(i) : ids.get(i), scores[i], scores[i] > detector.threshold(),
                    shares == null ? Map.of() : contributions.top(shares[i], top)));
        }
        return scored;
    }

    public Autoencoder model() {
        return model;
    }

    public TableSchema schema() {
        return schema;
    }

    public double threshold() {
        return detector.threshold();
    }
}
