package org.ae4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ae4j.cli.Cli;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scoring: the same scores as {@code ae4j score}; pipelines that save, load and transform identically. */
class AutoencoderModelTest {

    @TempDir
    Path dir;

    private int cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        assertThat(code).as("ae4j %s: %s", String.join(" ", args), err.toString(StandardCharsets.UTF_8)).isZero();
        return code;
    }

    private Dataset<Row> read(Path csv) {
        return SparkTests.spark().read().option("header", "true").csv(csv.toString());
    }

    @Test
    void transformGivesTheScoresOfAe4jScoreOnTheSameRows() throws Exception {
        Path csv = Tables.transactions(dir, 400, 1);
        Path model = dir.resolve("t.ae4j");
        Path scores = dir.resolve("scores.csv");
        cli("train", "--data", csv.toString(), "--out", model.toString(), "--epochs", "3", "--no-progress");
        cli("score", "--model", model.toString(), "--input", csv.toString(), "--out", scores.toString(), "--top", "0");
        List<String> lines = Files.readAllLines(scores);
        assertThat(lines.get(0)).isEqualTo("txn_id,score,is_anomaly");

        AutoencoderModel spark = AutoencoderModel.fromFile(model);
        assertThat(spark.getOrDefault(spark.inputCols())).containsExactly("amount", "merchant", "country", "hour", "contactless");
        List<Row> rows = spark.transform(read(csv).coalesce(1)).select("txn_id", "score", "is_anomaly", "code").collectAsList();
        assertThat(rows).hasSize(400);
        java.util.Map<String, Row> byId = new java.util.HashMap<>();
        rows.forEach(r -> byId.put(r.getString(0), r));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            Row row = byId.get(f[0]);
            assertThat(row.getDouble(1)).as(f[0]).isCloseTo(Double.parseDouble(f[1]), within(1e-6 * Math.max(1, Double.parseDouble(f[1]))));
            assertThat(row.getBoolean(2)).as(f[0]).isEqualTo(Boolean.parseBoolean(f[2]));
            assertThat(((Vector) row.get(3)).size()).isEqualTo((int) spark.savedModel().model().codeSize());
        }
    }

    @Test
    void aPipelineWithTheEstimatorSavesLoadsAndTransformsIdentically() throws Exception {
        Dataset<Row> table = read(Tables.transactions(dir, 300, 2)).repartition(2);
        AutoencoderEstimator estimator = new AutoencoderEstimator()
                .setInputCols(new String[] {"amount", "merchant", "country", "hour", "contactless"})
                .setEpochs(4).setSeed(3).setReconstructionCol("reconstruction");
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {estimator}).fit(table);
        Path saved = dir.resolve("pipeline");
        fitted.write().overwrite().save(saved.toString());
        assertThat(saved.resolve("stages")).isDirectory();
        try (var files = Files.walk(saved)) {
            assertThat(files.anyMatch(f -> f.getFileName().toString().equals("model.ae4j"))).isTrue();
        }
        PipelineModel loaded = PipelineModel.load(saved.toString());

        List<Row> before = fitted.transform(table).orderBy("txn_id").select("txn_id", "score", "is_anomaly", "code", "reconstruction")
                .collectAsList();
        List<Row> after = loaded.transform(table).orderBy("txn_id").select("txn_id", "score", "is_anomaly", "code", "reconstruction")
                .collectAsList();
        assertThat(after).isEqualTo(before);
        assertThat(before.stream().filter(r -> r.getBoolean(2)).count()).as("rows flagged").isBetween(1L, 60L);

        AutoencoderModel stage = (AutoencoderModel) loaded.stages()[0];
        assertThat(stage.calibratedThreshold()).isPresent();
        assertThat(stage.savedModel().table()).isPresent();
        assertThat(stage.getOrDefault(stage.reconstructionCol())).isEqualTo("reconstruction");

        Path estimatorDir = dir.resolve("estimator");
        estimator.save(estimatorDir.toString());
        AutoencoderEstimator reread = AutoencoderEstimator.load(estimatorDir.toString());
        assertThat(reread.getOrDefault(reread.inputCols())).containsExactly("amount", "merchant", "country", "hour", "contactless");
        assertThat(reread.getOrDefault(reread.epochs())).isEqualTo(4);
    }

    @Test
    void aModelTrainedOnSparkIsAModelFileTheCommandScores() throws Exception {
        Path csv = Tables.transactions(dir, 300, 4);
        AutoencoderModel model = new AutoencoderEstimator()
                .setInputCols(new String[] {"amount", "merchant", "country", "hour", "contactless"}).setEpochs(2).fit(read(csv));
        Path file = dir.resolve("spark.ae4j");
        model.saveModelFile(file);
        Path scores = dir.resolve("scores.csv");
        cli("score", "--model", file.toString(), "--input", csv.toString(), "--out", scores.toString(), "--top", "0");
        List<String> lines = Files.readAllLines(scores);
        List<Row> rows = model.transform(read(csv).coalesce(1)).select("score").collectAsList();
        assertThat(model.transform(read(csv)).limit(2).collectAsList()).as("a partition stopped early by a limit").hasSize(2);
        for (int i = 0; i < rows.size(); i++) {
            double expected = Double.parseDouble(lines.get(i + 1).split(",")[1]);
            assertThat(rows.get(i).getDouble(0)).isCloseTo(expected, within(1e-6 * Math.max(1, expected)));
        }
    }
}
