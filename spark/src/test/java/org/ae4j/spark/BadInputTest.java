package org.ae4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.scala.DefaultScalaModule$;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.ae4j.Ae4j;
import org.ae4j.config.ConfigCodec;
import org.ae4j.config.ModelConfig;
import org.ae4j.persist.ModelFileException;
import org.ae4j.spi.Parameter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a clear error on the driver, and an empty partition is no error at all. */
class BadInputTest {

    private static final int WIDTH = 12;
    private static AutoencoderModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        model = new AutoencoderEstimator().setConfigJson(GradientAggregationTest.config(2, 64, "{\"type\": \"adam\"}"))
                .fit(SparkTests.frame(SparkTests.vectorRows(200, WIDTH, 1), 2));
    }

    @Test
    void aMissingFeatureColumnIsNamedBeforeAnyJob() {
        Dataset<Row> frame = SparkTests.frame(SparkTests.vectorRows(10, WIDTH, 2), 1);
        assertThatThrownBy(() -> model.copy(new org.apache.spark.ml.param.ParamMap()).setFeaturesCol("pixels").transform(frame))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AutoencoderModel: the DataFrame has no column 'pixels' (featuresCol); its columns: id, features");
        assertThatThrownBy(() -> new AutoencoderEstimator().setInputCols(new String[] {"id", "amount"}).fit(frame))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AutoencoderEstimator: the DataFrame has no column 'amount' (one of inputCols); its columns: id, features");
        assertThatThrownBy(() -> new AutoencoderEstimator().setFeaturesCol("id").fit(frame))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("AutoencoderEstimator: column 'id' is of type int; featuresCol holds an ML Vector");
        assertThatThrownBy(() -> new AutoencoderEstimator().setLabelCol("class").fit(frame))
                .hasMessageContaining("no column 'class' (labelCol)");
    }

    @Test
    void aVectorOfTheWrongSizeIsNamedWithItsRow() {
        Dataset<Row> narrow = SparkTests.frame(SparkTests.vectorRows(10, WIDTH - 2, 3), 1);
        assertThatThrownBy(() -> model.transform(narrow).collectAsList())
                .hasStackTraceContaining("partition 0, row 0: column 'features' holds a vector of 10 values; the model takes 12");
        List<Row> mixed = new java.util.ArrayList<>(SparkTests.vectorRows(20, WIDTH, 4));
        mixed.set(13, SparkTests.vectorRows(1, WIDTH + 1, 5).get(0));
        assertThatThrownBy(() -> new AutoencoderEstimator().setEpochs(1).fit(SparkTests.frame(mixed, 1)))
                .hasStackTraceContaining("row 13: column 'features' holds a vector of 13 values; the model takes 12");
    }

    @Test
    void aModelFileFromANewerFormatIsRefused() throws IOException {
        Path file = dir.resolve("m.ae4j");
        model.saveModelFile(file);
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        String json = new String(entries.get("model.json"), StandardCharsets.UTF_8).replaceFirst("\"formatVersion\" ?: ?1", "\"formatVersion\": 2");
        entries.put("model.json", json.getBytes(StandardCharsets.UTF_8));
        StringBuilder manifest = new StringBuilder();
        for (var e : entries.entrySet()) {
            if (!e.getKey().equals("MANIFEST.sha256")) {
                manifest.append(HexFormat.of().formatHex(sha256(e.getValue()))).append("  ").append(e.getKey()).append('\n');
            }
        }
        entries.put("MANIFEST.sha256", manifest.toString().getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        Files.write(file, bytes.toByteArray());
        assertThatThrownBy(() -> AutoencoderModel.fromFile(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("was written by a newer ae4j").hasMessageContaining("upgrade ae4j to load it");

        Path saved = dir.resolve("saved");
        model.save(saved.toString());
        Files.write(saved.resolve("data/model.ae4j"), bytes.toByteArray());
        Files.deleteIfExists(saved.resolve("data/.model.ae4j.crc"));          // Hadoop's own checksum would catch the edit first
        assertThatThrownBy(() -> AutoencoderModel.load(saved.toString())).hasMessageContaining("was written by a newer ae4j");
    }

    @Test
    void anEmptyPartitionCountsForNothingAndAnEmptyFrameIsRefused() {
        List<Row> rows = SparkTests.vectorRows(120, WIDTH, 6);
        String json = GradientAggregationTest.config(2, 40, "{\"type\": \"adam\"}");
        for (TrainingMode mode : TrainingMode.values()) {
            AutoencoderEstimator estimator = new AutoencoderEstimator().setConfigJson(json).setTrainingMode(mode).setAveragingSteps(2);
            Dataset<Row> twoPartitions = SparkTests.frame(rows, 2);
            Dataset<Row> withEmpty = SparkTests.spark().createDataFrame(SparkTests.context().parallelize(rows, 2)
                    .union(SparkTests.context().parallelize(List.<Row>of(), 1)), SparkTests.VECTOR_SCHEMA);
            assertThat(withEmpty.javaRDD().getNumPartitions()).isEqualTo(3);
            List<Parameter> expected = estimator.fit(twoPartitions).savedModel().model().parameters();
            List<Parameter> actual = estimator.fit(withEmpty).savedModel().model().parameters();
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).value().ravel().toFloatVector()).as("%s %s", mode, expected.get(i).name())
                        .containsExactly(expected.get(i).value().ravel().toFloatVector());
            }
        }
        Dataset<Row> empty = SparkTests.frame(List.of(), 2);
        assertThatThrownBy(() -> new AutoencoderEstimator().fit(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AutoencoderEstimator: the DataFrame has no rows to train on");
    }

    @Test
    void ae4jsConfigCodeAndSparksJacksonScalaModuleAgreeInOneJvm() {
        ObjectMapper scala = new ObjectMapper().registerModule(DefaultScalaModule$.MODULE$);
        assertThat(scala.getRegisteredModuleIds()).isNotEmpty();
        ConfigCodec codec = new ConfigCodec(Ae4j.registry());
        ModelConfig config = codec.read(GradientAggregationTest.config(2, 64, "{\"type\": \"adam\"}"), "test");
        assertThat(codec.read(codec.toJson(config), "round trip")).isEqualTo(config);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
