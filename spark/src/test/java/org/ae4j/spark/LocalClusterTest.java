package org.ae4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * On {@code local-cluster[2,1,1024]} — two executor JVMs apart from the driver's — training and scoring work and
 * give the driver's own results: nothing depends on sharing the driver's JVM (the registry, the model cache and the
 * replicas are rebuilt in each executor from what the driver sends).
 */
class LocalClusterTest {

    @Test
    void trainsAndScoresWithExecutorsInTheirOwnJvms() throws Exception {
        Path home = Path.of(System.getenv("SPARK_HOME"));
        Files.createDirectories(home.resolve("jars"));
        if (!Files.exists(home.resolve("RELEASE"))) {
            Files.createFile(home.resolve("RELEASE"));
        }
        String modules = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add")).collect(Collectors.joining(" "));
        SparkTests.stop();
        SparkSession cluster = SparkSession.builder().master("local-cluster[2,1,1024]").appName("ae4j-local-cluster")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .config("spark.executor.extraJavaOptions", modules + " -Dorg.bytedeco.javacpp.maxbytes=1G")
                .config("spark.executorEnv.OMP_NUM_THREADS", "1")
                .getOrCreate();
        try {
            List<Row> rows = SparkTests.vectorRows(200, 12, 8);
            Dataset<Row> frame = cluster.createDataFrame(
                    org.apache.spark.api.java.JavaSparkContext.fromSparkContext(cluster.sparkContext()).parallelize(rows, 2),
                    SparkTests.VECTOR_SCHEMA);
            String driver = ManagementFactory.getRuntimeMXBean().getName();
            List<String> executors = frame.javaRDD().map(r -> ManagementFactory.getRuntimeMXBean().getName()).distinct().collect();
            assertThat(executors).hasSize(2).doesNotContain(driver);

            AutoencoderModel model = new AutoencoderEstimator()
                    .setConfigJson(GradientAggregationTest.config(3, 40, "{\"type\": \"adam\"}")).setAveragingSteps(2).fit(frame);
            List<Row> scored = model.transform(frame).orderBy("id").select("score").collectAsList();
            double[] expected = model.savedModel().model()
                    .reconstructionLossPerExample(Nd4j.createFromArray(SparkTests.matrix(rows))).toDoubleVector();
            assertThat(scored).hasSize(rows.size());
            for (int i = 0; i < expected.length; i++) {
                assertThat(scored.get(i).getDouble(0)).as("row %d", i).isCloseTo(expected[i], within(1e-6));
            }
        } finally {
            cluster.stop();
        }
    }
}
