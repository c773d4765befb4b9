package org.ae4j.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.ae4j.data.Dataset;
import org.ae4j.data.table.CellMasking;
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
 * Imputation end to end at the library level: a table of four numbers driven by two factors and a category that
 * follows the first factor; 20 % of its cells hidden; a dense autoencoder trained on the incomplete rows with
 * cell-masking; the holes filled better than the column mean (numbers) and the mode (the category), observed cells
 * written back as they were.
 */
class TableImputerTest {

    private static final Registry REGISTRY = Registry.of(List.of(new CorePlugin()));

    @TempDir
    static Path dir;

    private static Path complete;
    private static Path holes;
    private static TableImputer imputer;
    private static Autoencoder model;
    private static Table table;

    @BeforeAll
    static void train() throws IOException {
        SplittableRandom rng = new SplittableRandom(1);
        StringBuilder full = new StringBuilder("id,x1,x2,x3,x4,kind\n");
        StringBuilder masked = new StringBuilder(full);
        for (int r = 0; r < 6000; r++) {
            double a = rng.nextGaussian();
            double b = rng.nextGaussian();
            String[] cells = {"r" + r, fmt(a + 0.1 * rng.nextGaussian()), fmt(b + 0.1 * rng.nextGaussian()),
                fmt(a + b + 0.1 * rng.nextGaussian()), fmt(a - 2 * b + 0.1 * rng.nextGaussian()), a < -0.5 ? "low" : a < 0.5 ? "mid" : "high"};
            full.append(String.join(",", cells)).append('\n');
            for (int c = 1; c < cells.length; c++) {
                if (rng.nextDouble() < 0.2) {
                    cells[c] = "";
                }
            }
            masked.append(String.join(",", cells)).append('\n');
        }
        complete = Files.writeString(dir.resolve("complete.csv"), full);
        holes = Files.writeString(dir.resolve("holes.csv"), masked);

        table = TableReader.fit(holes, TableOptions.defaults(), 0, 2).train();
        Dataset rows = table.data();
        TrainingConfig training = TrainingConfig.defaults().withSeed(3).forTable(rows.size()).withEpochs(40).withValidationFraction(0)
                .withEarlyStopping(0, 0);
        model = new DenseAutoencoderSpec(List.of(128, 64, 32), "relu", "sigmoid", "mse").forTable(rows.exampleLength())
                .build(new long[] {rows.exampleLength()}, BuildContext.of(REGISTRY, 3))
                .withCorruption(CellMasking.forSchema(table.schema(), 0.25));
        new Trainer(training).fit(model, AdamSpec.defaults().create(REGISTRY.kernels()), rows);
        imputer = new TableImputer(model, table.schema());
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.4f", x);
    }

    @Test
    void fillsTheHolesBetterThanTheColumnMeanAndModeAndKeepsObservedCells() throws IOException {
        Path out = dir.resolve("filled.csv");
        TableImputer.Report report = imputer.imputeFile(holes, out, Optional.empty(), ImputationOptions.defaults());
        List<String[]> truth = rows(complete);
        List<String[]> given = rows(holes);
        List<String[]> filled = rows(out);
        assertThat(filled).hasSameSizeAs(truth);
        assertThat(Files.readAllLines(out).get(0)).isEqualTo("id,x1,x2,x3,x4,kind");
        assertThat(report.columns()).containsExactly("x1", "x2", "x3", "x4", "kind");
        assertThat(report.iterations()).isBetween(1, 20);

        double[] errorSum = new double[5];
        double[] meanErrorSum = new double[5];
        long[] hidden = new long[5];
        long kindRight = 0;
        long kindMode = 0;
        double[] means = new double[5];
        long[] counts = new long[5];
        for (String[] row : given) {
            for (int c = 1; c <= 4; c++) {
                if (!row[c].isEmpty()) {
                    means[c] += Double.parseDouble(row[c]);
                    counts[c]++;
                }
            }
        }
        for (int c = 1; c <= 4; c++) {
            means[c] /= counts[c];
        }
        for (int r = 0; r < truth.size(); r++) {
            for (int c = 0; c < 6; c++) {
                if (!given.get(r)[c].isEmpty()) {
                    assertThat(filled.get(r)[c]).as("observed cell %d,%d", r, c).isEqualTo(given.get(r)[c]);
                    continue;
                }
                assertThat(filled.get(r)[c]).as("filled cell %d,%d", r, c).isNotEmpty();
                hidden[c == 5 ? 0 : c]++;
                if (c == 5) {
                    kindRight += filled.get(r)[5].equals(truth.get(r)[5]) ? 1 : 0;
                    kindMode += truth.get(r)[5].equals("mid") ? 1 : 0;
                } else {
                    double t = Double.parseDouble(truth.get(r)[c]);
                    errorSum[c] += Math.pow(Double.parseDouble(filled.get(r)[c]) - t, 2);
                    meanErrorSum[c] += Math.pow(means[c] - t, 2);
                }
            }
        }
        for (int c = 1; c <= 4; c++) {
            double rmse = Math.sqrt(errorSum[c] / hidden[c]);
            double meanRmse = Math.sqrt(meanErrorSum[c] / hidden[c]);
            assertThat(rmse).as("x%d: RMSE %.3f against the mean's %.3f", c, rmse, meanRmse).isLessThan(0.7 * meanRmse);
            assertThat(report.filled()[c - 1]).isEqualTo(hidden[c]);
        }
        assertThat((double) kindRight / hidden[0]).as("category accuracy").isGreaterThan((double) kindMode / hidden[0] + 0.1);
    }

    @Test
    void anEnsembleFillsWithTheAverageOfItsMembers() {
        Dataset rows = table.data();
        Autoencoder other = new DenseAutoencoderSpec(List.of(32, 16), "relu", "sigmoid", "mse").forTable(rows.exampleLength())
                .build(new long[] {rows.exampleLength()}, BuildContext.of(REGISTRY, 4));
        new Trainer(TrainingConfig.defaults().withSeed(4).forTable(rows.size()).withEpochs(2)).fit(other,
                AdamSpec.defaults().create(REGISTRY.kernels()), rows);
        ImputationOptions onePass = new ImputationOptions(1, 0, 1024);
        float[][] first = imputer.impute(rows, onePass).features();
        float[][] second = new TableImputer(other, table.schema()).impute(rows, onePass).features();
        float[][] both = new TableImputer(List.of(model, other), table.schema()).impute(rows, onePass).features();
        long differing = 0;
        for (int r = 0; r < both.length; r++) {
            for (int j = 0; j < both[r].length; j++) {
                assertThat(both[r][j]).isCloseTo((first[r][j] + second[r][j]) / 2, org.assertj.core.data.Offset.offset(1e-6f));
                differing += first[r][j] != second[r][j] ? 1 : 0;
            }
        }
        assertThat(differing).as("filled features on which the members differ").isGreaterThan(1000);
        assertThatThrownBy(() -> new TableImputer(List.of(), table.schema())).hasMessageContaining("at least one model");
    }

    @Test
    void refusesAModelWhoseLossDoesNotSkipMissingValues() {
        Autoencoder plain = new DenseAutoencoderSpec(List.of(8, 4), "relu", "sigmoid", "mse")
                .build(new long[] {9}, BuildContext.of(REGISTRY, 1));
        assertThatThrownBy(() -> new TableImputer(plain, imputerSchema())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not skip missing values");
    }

    private static org.ae4j.data.table.TableSchema imputerSchema() throws IOException {
        return TableReader.fit(holes, TableOptions.defaults(), 0, 2).train().schema();
    }

    private static List<String[]> rows(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }
}
