package org.ae4j.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.ae4j.data.Dataset;
import org.ae4j.data.table.Table;
import org.ae4j.data.table.TableOptions;
import org.ae4j.data.table.TableReader;
import org.ae4j.model.Autoencoder;
import org.ae4j.optim.AdamSpec;
import org.ae4j.registry.CorePlugin;
import org.ae4j.registry.Registry;
import org.ae4j.spi.BuildContext;
import org.ae4j.train.Trainer;
import org.ae4j.train.TrainingConfig;
import org.ae4j.variant.DenseAutoencoderSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anomaly detection on a table, end to end at the library level: six columns driven by two latent factors; a
 * dense autoencoder trained with the table defaults; the threshold calibrated on its held-out rows; anomalies made by
 * pushing one known column of a normal row far off.
 */
class TableAnomalyTest {

    private static final Registry REGISTRY = Registry.of(List.of(new CorePlugin()));
    private static final int COLUMNS = 6;

    @TempDir
    static Path dir;

    private static Table.Split split;
    private static Autoencoder model;
    private static TrainingConfig training;

    /** Rows of six columns from two factors plus a little noise; {@code anomalyColumn[r] >= 0} pushes that column 6 units. */
    private static Path write(String name, int rows, long seed, int[] anomalyColumn) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] mix = {{1, 0}, {0, 1}, {1, 1}, {1, -1}, {0.5, 2}, {2, 0.5}};
        StringBuilder text = new StringBuilder("c0,c1,c2,c3,c4,c5\n");
        for (int r = 0; r < rows; r++) {
            double a = rng.nextGaussian();
            double b = rng.nextGaussian();
            for (int c = 0; c < COLUMNS; c++) {
                double v = mix[c][0] * a + mix[c][1] * b + 0.1 * rng.nextGaussian();
                if (anomalyColumn != null && anomalyColumn[r] == c) {
                    v += 6;
                }
                text.append(String.format(Locale.ROOT, "%.5f", v)).append(c < COLUMNS - 1 ? ',' : '\n');
            }
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text.toString());
        return file;
    }

    @BeforeAll
    static void trainOnNormalRows() throws IOException {
        split = TableReader.fit(write("normal.csv", 20_000, 1, null), TableOptions.defaults(), 0, 2);
        Dataset train = split.train().data();
        training = TrainingConfig.defaults().withSeed(3).forTable(train.size());
        model = new DenseAutoencoderSpec(List.of(128, 64, 32), "relu", "sigmoid", "mse").forTable(train.exampleLength())
                .build(new long[] {train.exampleLength()}, BuildContext.of(REGISTRY, 3));
        new Trainer(training).fit(model, AdamSpec.defaults().create(REGISTRY.kernels()), train);
    }

    private static AnomalyDetector calibrated() {
        Dataset heldOut = Trainer.validationSplit(split.train().data(), training).validation();
        assertThat(heldOut.size()).isGreaterThanOrEqualTo(1900);
        return AnomalyDetector.calibrate(AnomalyScorer.reconstructionError(model), heldOut, 0.05);
    }

    @Test
    void theCalibratedThresholdFlagsTheChosenShareOfNewNormalRows() throws IOException {
        Path fresh = write("fresh.csv", 12_000, 7, null);
        Dataset rows = TableReader.read(fresh, split.train().schema(), Optional.empty()).data();
        boolean[] flags = calibrated().flags(rows);
        int flagged = 0;
        for (boolean f : flags) {
            flagged += f ? 1 : 0;
        }
        assertThat((double) flagged / flags.length).as("flagged share of 12,000 new normal rows at --fpr 0.05").isCloseTo(0.05, within(0.02));
    }

    @Test
    void theTopContributingColumnIsTheOneMadeAnomalousForNinetyPercentOfFlaggedRows() throws IOException {
        int rows = 2_000;
        int[] anomalyColumn = new int[rows];
        SplittableRandom rng = new SplittableRandom(11);
        for (int r = 0; r < rows; r++) {
            anomalyColumn[r] = r % 10 == 0 ? rng.nextInt(COLUMNS) : -1;          // one row in ten
        }
        Dataset data = TableReader.read(write("mixed.csv", rows, 9, anomalyColumn), split.train().schema(), Optional.empty()).data();
        boolean[] flags = calibrated().flags(data);
        ColumnContributions contributions = new ColumnContributions(model, split.train().schema());
        double[][] shares = contributions.shares(data, 256);
        int flaggedAnomalies = 0;
        int explained = 0;
        for (int r = 0; r < rows; r++) {
            if (flags[r] && anomalyColumn[r] >= 0) {
                flaggedAnomalies++;
                String top = contributions.top(shares[r], 1).keySet().iterator().next();
                explained += top.equals("c" + anomalyColumn[r]) ? 1 : 0;
            }
        }
        assertThat(flaggedAnomalies).as("anomalies flagged of 200").isGreaterThan(150);
        assertThat((double) explained / flaggedAnomalies).as("flagged anomalies whose top column is the injected one").isGreaterThanOrEqualTo(0.9);
        assertThat(shares[0]).hasSize(COLUMNS);
        assertThat(java.util.Arrays.stream(shares[1]).sum()).isCloseTo(1, within(1e-9));
    }

    @Test
    void averagePrecisionAndPrecisionAtNMatchScikitLearn() {
        double[] scores = {0.1, 0.4, 0.35, 0.8};
        boolean[] positive = {false, false, true, true};
        assertThat(Roc.averagePrecision(scores, positive)).isCloseTo(0.8333333333, within(1e-9));   // sklearn's doc example
        assertThat(Roc.precisionAt(2, scores, positive)).isEqualTo(0.5);
        assertThat(Roc.auroc(scores, positive)).isEqualTo(0.75);
    }
}
