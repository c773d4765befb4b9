package org.ae4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.ae4j.spi.RandomSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DatasetTest {

    static Dataset rows(int n) {
        double[][] values = new double[n][2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = new double[] {i, -i};
            labels[i] = i % 3;
        }
        return Dataset.labeled(Nd4j.create(values), labels);
    }

    @Test
    void rejectsNonFiniteValuesNamingTheFirst() {
        INDArray x = Nd4j.create(new double[][] {{1, 2}, {3, Double.NaN}, {Double.POSITIVE_INFINITY, 0}});
        assertThatThrownBy(() -> Dataset.of(x))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2 non-finite feature value(s); the first is NaN at example 1, feature 1");
    }

    @Test
    void rejectsLabelCountMismatch() {
        assertThatThrownBy(() -> Dataset.labeled(Nd4j.zeros(3, 2), new int[] {1, 2}))
                .hasMessage("2 labels for 3 examples");
    }

    @Test
    void batchesCoverEveryExampleOnceInOrder() {
        List<Double> firsts = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (INDArray batch : rows(10).batches(4)) {
            firsts.add(batch.getDouble(0, 0));
            sizes.add(batch.size(0));
        }
        assertThat(firsts).containsExactly(0.0, 4.0, 8.0);
        assertThat(sizes).containsExactly(4L, 4L, 2L);
        assertThat(rows(10).batchCount(4)).isEqualTo(3);
    }

    @Test
    void shuffledBatchesVisitEveryExampleOnceInASeededOrder() {
        Dataset data = rows(10);
        List<Double> seen = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (INDArray batch : data.shuffledBatches(4, new RandomSource(3))) {
            sizes.add(batch.size(0));
            for (int i = 0; i < batch.size(0); i++) {
                assertThat(batch.getDouble(i, 1)).isEqualTo(-batch.getDouble(i, 0));
                seen.add(batch.getDouble(i, 0));
            }
        }
        assertThat(sizes).containsExactly(4L, 4L, 2L);
        assertThat(seen).containsExactlyInAnyOrder(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0);
        assertThat(seen).isNotEqualTo(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0));
        List<Double> again = new ArrayList<>();
        for (INDArray batch : data.shuffledBatches(4, new RandomSource(3))) {
            for (int i = 0; i < batch.size(0); i++) {
                again.add(batch.getDouble(i, 0));
            }
        }
        assertThat(again).isEqualTo(seen);
    }

    @Test
    void shuffledBatchesKeepTheExampleShape() {
        Dataset images = Dataset.of(org.ae4j.TestArrays.uniform(103, 0, 1, 5, 1, 3, 3).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        for (INDArray batch : images.shuffledBatches(2, new RandomSource(1))) {
            assertThat(batch.shape()).hasSize(4).endsWith(1, 3, 3);
        }
    }

    @Test
    void splitIsADisjointSeededPartitionKeepingLabels() {
        Dataset data = rows(100);
        Dataset.Split a = data.split(0.2, new RandomSource(1));
        Dataset.Split b = data.split(0.2, new RandomSource(1));
        assertThat(a.validation().size()).isEqualTo(20);
        assertThat(a.train().size()).isEqualTo(80);
        assertThat(a.validation().features()).isEqualTo(b.validation().features());
        double total = a.train().features().getColumn(0).sumNumber().doubleValue()
                + a.validation().features().getColumn(0).sumNumber().doubleValue();
        assertThat(total).isEqualTo(99 * 100 / 2.0);
        int[] labels = a.validation().labels().orElseThrow();
        for (int i = 0; i < labels.length; i++) {
            assertThat(labels[i]).isEqualTo((int) a.validation().features().getDouble(i, 0) % 3);
        }
    }

    @Test
    void rejectsASplitThatLeavesAnEmptyPart() {
        assertThatThrownBy(() -> rows(3).split(0.1, new RandomSource(1)))
                .hasMessage("cannot hold out 0.1 of 3 examples: both parts must be non-empty");
    }

    @Test
    void minMaxScalesToTheUnitIntervalAndAppliesTheFittedRange() {
        Dataset train = Dataset.of(Nd4j.create(new double[][] {{0, 10}, {5, 20}}));
        MinMaxNormalizer global = MinMaxNormalizer.fitGlobal(train);
        assertThat(global.transform(train).features().toDoubleMatrix())
                .isDeepEqualTo(new double[][] {{0, 0.5}, {0.25, 1}});
        MinMaxNormalizer perFeature = MinMaxNormalizer.fitPerFeature(train);
        assertThat(perFeature.transform(train).features().toDoubleMatrix())
                .isDeepEqualTo(new double[][] {{0, 0}, {1, 1}});
        Dataset test = Dataset.of(Nd4j.create(new double[][] {{10, 15}}));
        assertThat(perFeature.transform(test).features().toDoubleMatrix()).isDeepEqualTo(new double[][] {{2, 0.5}});
    }

    @Test
    void minMaxMapsAConstantFeatureToZero() {
        Dataset train = Dataset.of(Nd4j.create(new double[][] {{3, 1}, {3, 2}}));
        assertThat(MinMaxNormalizer.fitPerFeature(train).transform(train).features().getColumn(0).toDoubleVector())
                .containsExactly(0, 0);
    }
}
