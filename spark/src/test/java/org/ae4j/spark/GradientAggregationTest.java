package org.ae4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ae4j.Ae4j;
import org.ae4j.config.ConfigCodec;
import org.ae4j.config.ModelConfig;
import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.registry.Registry;
import org.ae4j.spi.Parameter;
import org.ae4j.train.Trainer;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Mode (1): the partitions' gradients, summed, are the whole batch's — one step gives the single-JVM trainer's parameters. */
class GradientAggregationTest {

    private static final Registry REGISTRY = Ae4j.registry();
    private static final int ROWS = 240;
    private static final int WIDTH = 12;

    static String config(int epochs, int batch, String optimizer) {
        return "{\"variant\": \"vanilla\", \"model\": {\"encoderSizes\": [8, 4]}, \"optimizer\": " + optimizer
                + ", \"training\": {\"epochs\": " + epochs + ", \"batchSize\": " + batch + ", \"validationFraction\": 0, \"seed\": 7}}";
    }

    @Test
    void oneStepOnAFixedBatchGivesTheSingleJvmTrainersParameters() {
        for (String optimizer : List.of("{\"type\": \"sgd\", \"learningRate\": 0.5}", "{\"type\": \"adam\", \"learningRate\": 0.001}")) {
            String json = config(1, ROWS, optimizer);
            List<Row> rows = SparkTests.vectorRows(ROWS, WIDTH, 3);

            ModelConfig config = new ConfigCodec(REGISTRY).read(json, "test");
            Autoencoder single = config.build(new long[] {WIDTH}, REGISTRY);
            new Trainer(config.training()).fit(single, config.optimizer().create(single.kernels()),
                    Dataset.of(Nd4j.createFromArray(SparkTests.matrix(rows))));

            AutoencoderModel spark = new AutoencoderEstimator().setConfigJson(json).setSeed(7).setValidationFraction(0)
                    .setTrainingMode(TrainingMode.GRADIENT_AGGREGATION).fit(SparkTests.frame(rows, 2));
            List<Parameter> distributed = spark.savedModel().model().parameters();

            assertThat(distributed).hasSameSizeAs(single.parameters());
            for (int i = 0; i < distributed.size(); i++) {
                float[] expected = single.parameters().get(i).value().ravel().toFloatVector();
                float[] actual = distributed.get(i).value().ravel().toFloatVector();
                float[] before = config.build(new long[] {WIDTH}, REGISTRY).parameters().get(i).value().ravel().toFloatVector();
                for (int j = 0; j < expected.length; j++) {
                    assertThat(actual[j]).as("%s %s[%d]", optimizer, distributed.get(i).name(), j)
                            .isCloseTo(expected[j], org.assertj.core.api.Assertions.within(2e-6f));
                }
                assertThat(expected).as("the step changed %s", distributed.get(i).name()).isNotEqualTo(before);
            }
        }
    }

    @Test
    void severalEpochsTrackTheSingleJvmTrainer() {
        String json = config(3, 48, "{\"type\": \"sgd\", \"learningRate\": 0.2}");
        List<Row> rows = SparkTests.vectorRows(ROWS, WIDTH, 5);
        AutoencoderModel spark = new AutoencoderEstimator().setConfigJson(json).setSeed(7).setValidationFraction(0)
                .setTrainingMode(TrainingMode.GRADIENT_AGGREGATION).fit(SparkTests.frame(rows, 2));
        ModelConfig config = new ConfigCodec(REGISTRY).read(json, "test");
        Autoencoder single = config.build(new long[] {WIDTH}, REGISTRY);
        Dataset data = Dataset.of(Nd4j.createFromArray(SparkTests.matrix(rows)));
        new Trainer(config.training()).fit(single, config.optimizer().create(single.kernels()), data);
        double distributedLoss = spark.savedModel().model().reconstructionLoss(data.features(), data.features());
        double singleLoss = single.reconstructionLoss(data.features(), data.features());
        // different batches (each partition shuffles its own rows), same number of steps: close, not equal
        assertThat(distributedLoss).isCloseTo(singleLoss, org.assertj.core.api.Assertions.withinPercentage(10));
        assertThat(spark.savedModel().metadata().epochs()).isEqualTo(3);
    }
}
