package org.ae4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** One {@code local[2]} Spark session for every test class of the module (UI off, loopback only). */
final class SparkTests {

    private static SparkSession session;

    private SparkTests() {
    }

    static synchronized SparkSession spark() {
        if (session == null || session.sparkContext().isStopped()) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("ae4j-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
            SparkSession started = session;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        }
        return session;
    }

    /** Stops the shared session (a test that needs another master makes its own, then the next test restarts this one). */
    static synchronized void stop() {
        if (session != null) {
            session.stop();
            session = null;
        }
    }

    static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(spark().sparkContext());
    }

    static final StructType VECTOR_SCHEMA = new StructType().add("id", DataTypes.IntegerType).add("features", SQLDataTypes.VectorType());

    /** {@code rows} seeded rows of {@code width} values in [0, 1) with structure (a few latent factors), as a vector column. */
    static List<Row> vectorRows(int rows, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Row> list = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            double a = random.nextDouble();
            double b = random.nextDouble();
            double[] x = new double[width];
            for (int j = 0; j < width; j++) {
                x[j] = Math.min(0.999, Math.max(0, 0.5 * a * (j % 3) / 2 + 0.4 * b * ((j + 1) % 2) + 0.05 * random.nextDouble()));
            }
            list.add(RowFactory.create(i, Vectors.dense(x)));
        }
        return list;
    }

    static Dataset<Row> frame(List<Row> rows, int partitions) {
        JavaRDD<Row> rdd = context().parallelize(rows, partitions);
        return spark().createDataFrame(rdd, VECTOR_SCHEMA);
    }

    /** Fashion-MNIST's images scaled to [0, 1] by the training images' range, as {@code ae4j train} does. */
    record Images(org.ae4j.data.Dataset train, org.ae4j.data.Dataset test) {
        static Images of(org.ae4j.data.FashionMnist.Splits splits) {
            org.ae4j.data.MinMaxNormalizer scale = org.ae4j.data.MinMaxNormalizer.fitGlobal(splits.train());
            return new Images(scale.transform(splits.train()), scale.transform(splits.test()));
        }
    }

    /** Row {@code i}'s features as a float matrix row. */
    static float[][] matrix(List<Row> rows) {
        float[][] m = new float[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            double[] x = ((org.apache.spark.ml.linalg.Vector) rows.get(i).get(1)).toArray();
            m[i] = new float[x.length];
            for (int j = 0; j < x.length; j++) {
                m[i][j] = (float) x[j];
            }
        }
        return m;
    }
}
