package org.ae4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ae4j.Ae4j;
import org.ae4j.config.ModelConfig;
import org.ae4j.data.Dataset;
import org.ae4j.data.FashionMnist;
import org.ae4j.model.Autoencoder;
import org.ae4j.registry.Registry;
import org.ae4j.train.Evaluation;
import org.ae4j.train.Trainer;
import org.ae4j.train.TrainingConfig;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mode (2): K local steps per partition, then averaging — approximate, but within 3 % of one JVM's test loss after the
 * same epochs on Fashion-MNIST (the full 60,000 training images; CI installs Debian's dataset-fashion-mnist).
 */
class ParameterAveragingTest {

    private static final Registry REGISTRY = Ae4j.registry();
    private static final int EPOCHS = 5;

    @TempDir
    Path dir;

    @Test
    void reachesTheSingleJvmTestLossOnFashionMnistWithinThreePercent() throws IOException {
        assumeTrue(FashionMnist.locate().isPresent(), "needs Fashion-MNIST (Debian: apt-get install dataset-fashion-mnist)");
        SparkTests.Images images = SparkTests.Images.of(FashionMnist.load(FashionMnist.locate().get()));
        Dataset train = images.train();
        Dataset test = images.test();

        ModelConfig config = ModelConfig.defaults(REGISTRY.variant("vanilla"));
        TrainingConfig training = config.training().withEpochs(EPOCHS).withValidationFraction(0).withSeed(11);
        Autoencoder single = config.build(train.exampleShape(), REGISTRY);
        new Trainer(training).fit(single, config.optimizer().create(single.kernels()), train);
        double singleLoss = Evaluation.reconstructionLoss(single, test, 256);

        // through Parquet, as data reaches a cluster (a parallelized collection would ship its rows with every task)
        Path parquet = dir.resolve("fashion.parquet");
        SparkTests.spark().createDataFrame(SparkTests.context().parallelize(rows(train), 2), SparkTests.VECTOR_SCHEMA)
                .write().parquet(parquet.toString());
        AutoencoderModel distributed = new AutoencoderEstimator().setVariant("vanilla").setEpochs(EPOCHS).setSeed(11)
                .setValidationFraction(0).setTrainingMode(TrainingMode.PARAMETER_AVERAGING)
                .fit(SparkTests.spark().read().parquet(parquet.toString()).repartition(2));
        double distributedLoss = Evaluation.reconstructionLoss(distributed.savedModel().model(), test, 256);

        System.out.printf("Fashion-MNIST, %d epochs: single JVM test loss %.5f, parameter averaging on 2 partitions %.5f (%+.1f %%)%n",
                EPOCHS, singleLoss, distributedLoss, 100 * (distributedLoss / singleLoss - 1));
        assertThat(distributed.trainingHistory()).hasSize(EPOCHS);
        assertThat(distributedLoss).isLessThanOrEqualTo(singleLoss * 1.03);
    }

    /** The images as rows of a vector column (pixels flattened). */
    static List<Row> rows(Dataset images) {
        float[][] pixels = images.features().reshape(images.size(), images.exampleLength()).toFloatMatrix();
        List<Row> rows = new ArrayList<>(pixels.length);
        for (int i = 0; i < pixels.length; i++) {
            double[] x = new double[pixels[i].length];
            for (int j = 0; j < x.length; j++) {
                x[j] = pixels[i][j];
            }
            rows.add(RowFactory.create(i, Vectors.dense(x)));
        }
        return rows;
    }
}
