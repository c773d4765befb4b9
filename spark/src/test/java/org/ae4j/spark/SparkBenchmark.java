package org.ae4j.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import org.ae4j.Ae4j;
import org.ae4j.apps.AnomalyScorer;
import org.ae4j.config.ModelConfig;
import org.ae4j.data.Dataset;
import org.ae4j.data.FashionMnist;
import org.ae4j.data.table.Table;
import org.ae4j.data.table.TableOptions;
import org.ae4j.data.table.TableReader;
import org.ae4j.model.Autoencoder;
import org.ae4j.registry.Registry;
import org.ae4j.train.EpochMetrics;
import org.ae4j.train.Evaluation;
import org.ae4j.train.Trainer;
import org.ae4j.train.TrainingConfig;
import org.ae4j.train.TrainingResult;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark benchmark (run by {@code scripts/spark-bench.sh}, outside the test suite): one JSON line per measurement,
 * appended to a results file. {@code single}: what one JVM does — {@code ae4j score}'s scoring of a CSV table and of
 * Fashion-MNIST, and single-JVM training — with ND4J's own threads; {@code spark}: the same on {@code local[2]} (one
 * native thread per task): scoring a CSV and a Parquet table and Fashion-MNIST from Parquet, and training in both
 * modes, from Parquet.
 *
 * <p>Arguments: {@code single|spark RESULTS TABLE_CSV TABLE_TEST_CSV FASHION_DIR WORK_DIR EPOCHS}.
 */
public final class SparkBenchmark {

    private static final Registry REGISTRY = Ae4j.registry();
    private static final int RUNS = 3;
    private static final String[] COLUMNS = {"amount", "merchant", "country", "hour", "contactless"};

    private SparkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path results = Path.of(args[1]);
        Path table = Path.of(args[2]);
        Path tableTest = Path.of(args[3]);
        Path fashion = Path.of(args[4]);
        Path work = Path.of(args[5]);
        int epochs = Integer.parseInt(args[6]);
        Files.createDirectories(work);
        if (mode.equals("single")) {
            single(results, table, tableTest, fashion, work, epochs);
        } else {
            spark(results, table, tableTest, fashion, work, epochs);
        }
    }

    private static void single(Path results, Path table, Path tableTest, Path fashion, Path work, int epochs) throws IOException {
        // training on the table, as 'ae4j train --data table.csv' does (no validation: the same rows as Spark's run)
        Table.Split split = TableReader.fit(table, TableOptions.defaults(), 0, 1);
        Dataset rows = split.train().data();
        ModelConfig config = ModelConfig.defaults(REGISTRY.variant("vanilla")).forTable(rows.exampleLength(), rows.size());
        config = config.withTraining(config.training().withEpochs(epochs).withValidationFraction(0).withEarlyStopping(0, 0).withSeed(1));
        Autoencoder model = config.build(rows.exampleShape(), REGISTRY);
        TrainingResult trained = new Trainer(config.training()).fit(model, config.optimizer().create(model.kernels()), rows);
        Table test = TableReader.read(tableTest, split.train().schema(), Optional.empty());
        record(results, "train", "table", "single JVM", rows.size(), epochs, seconds(trained), Evaluation.reconstructionLoss(model, test.data(), 256));

        // scoring the table as 'ae4j score' does: read the CSV with the schema, score every row
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            Table all = TableReader.read(table, split.train().schema(), Optional.empty());
            double[] scores = AnomalyScorer.reconstructionError(model).scores(all.data());
            record(results, "score", "table CSV", "single JVM", scores.length, 1, (System.nanoTime() - start) / 1e9, Double.NaN);
        }

        SparkTests.Images images = SparkTests.Images.of(FashionMnist.load(fashion));
        Dataset train = images.train();
        Dataset testImages = images.test();
        ModelConfig vanilla = ModelConfig.defaults(REGISTRY.variant("vanilla"));
        TrainingConfig training = vanilla.training().withEpochs(epochs).withValidationFraction(0).withSeed(1);
        Autoencoder images1 = vanilla.build(train.exampleShape(), REGISTRY);
        TrainingResult fit = new Trainer(training).fit(images1, vanilla.optimizer().create(images1.kernels()), train);
        record(results, "train", "Fashion-MNIST", "single JVM", train.size(), epochs, seconds(fit), Evaluation.reconstructionLoss(images1, testImages, 256));
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            double[] scores = AnomalyScorer.reconstructionError(images1).scores(train);
            record(results, "score", "Fashion-MNIST", "single JVM", scores.length, 1, (System.nanoTime() - start) / 1e9, Double.NaN);
        }
    }

    private static void spark(Path results, Path table, Path tableTest, Path fashion, Path work, int epochs) throws IOException {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("ae4j-spark-bench")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2").getOrCreate();
        try {
            org.apache.spark.sql.Dataset<Row> csv = spark.read().option("header", "true").csv(table.toString());
            Path parquet = work.resolve("table.parquet");
            csv.repartition(2).write().mode("overwrite").parquet(parquet.toString());
            org.apache.spark.sql.Dataset<Row> fromParquet = spark.read().parquet(parquet.toString());
            Table test = null;
            for (TrainingMode mode : TrainingMode.values()) {
                long start = System.nanoTime();
                AutoencoderModel model = new AutoencoderEstimator().setInputCols(COLUMNS).setEpochs(epochs).setSeed(1)
                        .setValidationFraction(0).setTrainingMode(mode).fit(fromParquet.repartition(2));
                double seconds = (System.nanoTime() - start) / 1e9;
                if (test == null) {
                    test = TableReader.read(tableTest, model.savedModel().table().orElseThrow(), Optional.empty());
                }
                record(results, "fit", "table Parquet", "Spark local[2] " + mode.paramValue(), fromParquet.count(), epochs, seconds,
                        Double.NaN);
                record(results, "train", "table Parquet", "Spark local[2] " + mode.paramValue(), fromParquet.count(), epochs,
                        epochSeconds(model),
                        Evaluation.reconstructionLoss(model.savedModel().model(), test.data(), 256));
                if (mode == TrainingMode.PARAMETER_AVERAGING) {
                    for (int run = 0; run < RUNS; run++) {
                        timeScoring(results, "table CSV", model, spark.read().option("header", "true").csv(table.toString()));
                        timeScoring(results, "table Parquet", model, spark.read().parquet(parquet.toString()));
                    }
                }
            }

            SparkTests.Images images = SparkTests.Images.of(FashionMnist.load(fashion));
            Dataset train = images.train();
            Dataset testImages = images.test();
            Path imagesParquet = work.resolve("fashion.parquet");
            spark.createDataFrame(org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(ParameterAveragingTest.rows(train), 2), SparkTests.VECTOR_SCHEMA).write().mode("overwrite")
                    .parquet(imagesParquet.toString());
            org.apache.spark.sql.Dataset<Row> pixels = spark.read().parquet(imagesParquet.toString());
            for (TrainingMode mode : TrainingMode.values()) {
                long start = System.nanoTime();
                AutoencoderModel model = new AutoencoderEstimator().setVariant("vanilla").setEpochs(epochs).setSeed(1)
                        .setValidationFraction(0).setTrainingMode(mode).fit(pixels);
                double seconds = (System.nanoTime() - start) / 1e9;
                record(results, "fit", "Fashion-MNIST Parquet", "Spark local[2] " + mode.paramValue(), train.size(), epochs, seconds,
                        Double.NaN);
                record(results, "train", "Fashion-MNIST Parquet", "Spark local[2] " + mode.paramValue(), train.size(), epochs,
                        epochSeconds(model),
                        Evaluation.reconstructionLoss(model.savedModel().model(), testImages, 256));
                if (mode == TrainingMode.PARAMETER_AVERAGING) {
                    for (int run = 0; run < RUNS; run++) {
                        timeScoring(results, "Fashion-MNIST Parquet", model, spark.read().parquet(imagesParquet.toString()));
                    }
                }
            }
        } finally {
            spark.stop();
        }
    }

    /** Reads, scores and discards every row (Spark's no-op sink): the whole job, end to end; no codes, as 'ae4j score'. */
    private static void timeScoring(Path results, String data, AutoencoderModel model, org.apache.spark.sql.Dataset<Row> frame)
            throws IOException {
        long rows = frame.count();
        AutoencoderModel scorer = model.copy(org.apache.spark.ml.param.ParamMap.empty()).setCodeCol("");
        long start = System.nanoTime();
        scorer.transform(frame).write().format("noop").mode("overwrite").save();
        record(results, "score", data, "Spark local[2]", rows, 1, (System.nanoTime() - start) / 1e9, Double.NaN);
    }

    /** The epochs' time, without reading, encoding and the threshold's calibration. */
    private static double epochSeconds(AutoencoderModel model) {
        return model.trainingHistory().stream().mapToDouble(EpochMetrics::seconds).sum();
    }

    private static double seconds(TrainingResult result) {
        return result.history().stream().mapToDouble(EpochMetrics::seconds).sum();
    }

    /** One measurement: {@code passes} passes over {@code rows} rows in {@code seconds}. */
    private static void record(Path results, String task, String data, String runner, long rows, int passes, double seconds,
                               double testLoss) throws IOException {
        String line = String.format(Locale.ROOT, "{\"task\": \"%s\", \"data\": \"%s\", \"runner\": \"%s\", \"rows\": %d, "
                + "\"passes\": %d, \"seconds\": %.3f, \"seconds_per_pass\": %.3f, \"rows_per_second\": %.0f, \"test_loss\": %s}%n",
                task, data, runner, rows, passes, seconds, seconds / passes, rows * passes / seconds,
                Double.isNaN(testLoss) ? "null" : String.format(Locale.ROOT, "%.6f", testLoss));
        System.out.print(line);
        Files.writeString(results, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
