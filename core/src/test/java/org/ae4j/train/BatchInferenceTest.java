package org.ae4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ae4j.TestArrays;
import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.model.TinyModels;
import org.ae4j.util.Lanes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BatchInferenceTest {

    private final Autoencoder model = TinyModels.dense(12, 8, 4, "sigmoid", "mse", DataType.FLOAT, 3, List.of());
    private final Dataset data = Dataset.of(TestArrays.uniform(5, 0, 1, 103, 12).castTo(DataType.FLOAT));

    @AfterEach
    void clearLanes() {
        System.clearProperty(BatchInference.LANES_PROPERTY);
    }

    /** What one thread gives batch by batch. */
    private INDArray serial(java.util.function.Function<INDArray, INDArray> f, int batch) {
        List<INDArray> parts = new ArrayList<>();
        for (INDArray b : data.batches(batch)) {
            parts.add(f.apply(b).dup());
        }
        return Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    @Test
    void lanesGiveWhatOneThreadGivesBatchByBatch() {
        System.setProperty(BatchInference.LANES_PROPERTY, "2");
        assertThat(BatchInference.lanesFor(11)).isEqualTo(2);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        INDArray codes = BatchInference.map(data, 10, b -> {
            threads.add(Thread.currentThread().getName());
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);        // long enough for the other lane to take some
            return model.encode(b);
        });
        assertThat(codes.shape()).containsExactly(103, 4);
        assertThat(codes).isEqualTo(serial(model::encode, 10));
        assertThat(BatchInference.map(data, 10, model::reconstruct)).isEqualTo(serial(model::reconstruct, 10));
        INDArray scores = BatchInference.map(data, 16, model::reconstructionLossPerExample);
        assertThat(scores.shape()).containsExactly(103);
        assertThat(scores).isEqualTo(serial(model::reconstructionLossPerExample, 16));
        assertThat(threads).as("both lanes took batches (11 of them)").hasSize(2);

        double serialLoss = 0;
        for (INDArray b : data.batches(10)) {
            serialLoss += model.reconstructionLoss(b, b) * b.size(0);
        }
        double[] sum = BatchInference.sum(data, 10, 2, b -> new double[] {model.reconstructionLoss(b, b) * b.size(0), b.size(0)});
        assertThat(sum[1]).isEqualTo(103);
        assertThat(sum[0]).as("summed in batch order, as one thread sums").isEqualTo(serialLoss);
    }

    /** The workers outlive a call: the next call runs on the same threads (and so in their native memory). */
    @Test
    void theWorkersAreKeptBetweenCalls() {
        System.setProperty(BatchInference.LANES_PROPERTY, "2");
        Set<Thread> first = ConcurrentHashMap.newKeySet();
        Set<Thread> second = ConcurrentHashMap.newKeySet();
        for (Set<Thread> seen : List.of(first, second)) {
            INDArray codes = BatchInference.map(data, 10, b -> {
                seen.add(Thread.currentThread());
                assertThat(BatchInference.lanesFor(5)).as("a call from inside a worker stays on it").isEqualTo(1);
                java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
                return model.encode(b);
            });
            assertThat(codes).isEqualTo(serial(model::encode, 10));
        }
        assertThat(first).hasSize(2).doesNotContain(Thread.currentThread()).allMatch(Thread::isDaemon);
        assertThat(second).isEqualTo(first);
    }

    /** Float and double results are made without zeroing, hold what is written, and are plain C-order arrays. */
    @Test
    void resultsAreMadeWithoutZeroing() {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE, DataType.INT)) {
            INDArray a = BatchInference.unzeroed(type, new long[] {3, 2, 5});
            assertThat(a.dataType()).isEqualTo(type);
            assertThat(a.shape()).containsExactly(3, 2, 5);
            assertThat(a.ordering()).isEqualTo('c');
            a.assign(Nd4j.arange(30).reshape(3, 2, 5));
            assertThat(a.getDouble(2, 1, 4)).isEqualTo(29.0);
            assertThat(a.sumNumber().doubleValue()).isEqualTo(435.0);
        }
    }

    @Test
    void oneBatchOrOneLaneRunsOnTheCallingThread() {
        assertThat(BatchInference.lanesFor(1)).isEqualTo(1);
        System.setProperty(BatchInference.LANES_PROPERTY, "1");
        assertThat(BatchInference.lanesFor(50)).isEqualTo(1);
        Thread caller = Thread.currentThread();
        INDArray codes = BatchInference.map(data, 10, b -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            return model.encode(b);
        });
        assertThat(codes).isEqualTo(serial(model::encode, 10));
    }

    @Test
    void anIdleTeamOfTheCallerIsReused() {
        System.setProperty(BatchInference.LANES_PROPERTY, "2");
        try (Lanes team = new Lanes(2)) {
            assertThat(Lanes.idleTeam()).containsSame(team);
            INDArray codes = BatchInference.map(data, 10, model::encode);     // a second team on this thread would be refused
            assertThat(codes).isEqualTo(serial(model::encode, 10));
            team.run(lane -> assertThat(BatchInference.lanesFor(5)).as("inside a lane").isEqualTo(lane == 0 ? 2 : 1));
        }
        assertThat(Lanes.idleTeam()).isEmpty();
    }

    @Test
    void aFailingBatchIsRethrownAndInconsistentShapesAreRefused() {
        System.setProperty(BatchInference.LANES_PROPERTY, "2");
        assertThatThrownBy(() -> BatchInference.map(data, 10, b -> {
            throw new IllegalArgumentException("bad batch");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad batch");
        assertThatThrownBy(() -> BatchInference.map(data, 10, b -> b.size(0) == 10 ? model.encode(b) : model.reconstruct(b)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("outputs of shapes");
        assertThatThrownBy(() -> BatchInference.map(data, 0, model::encode)).hasMessage("batchSize must be >= 1, got 0");
        // the team is free again after a failure
        assertThat(BatchInference.map(data, 10, model::encode)).isEqualTo(serial(model::encode, 10));
    }

    private static Autoencoder dense(long inputs, List<Integer> sizes) {
        return new org.ae4j.variant.DenseAutoencoderSpec(sizes, "relu", "relu", "sigmoid", "mse", new org.ae4j.nn.IdentityBottleneckSpec())
                .build(new long[] {inputs}, new org.ae4j.spi.BuildContext(org.ae4j.Ae4j.registry(), DataType.FLOAT,
                        new org.ae4j.spi.RandomSource(1)));
    }

    /** Image-sized dense models get batches of 1,024 rows, a model with a wide layer fewer, small models what they ask. */
    @Test
    void inferenceBatchesGrowOnTheLayerPathWhileTheWidestActivationFitsTheBudget() {
        assertThat(BatchInference.rowsFor(dense(784, List.of(128, 64, 32)), 256)).isEqualTo(1024);
        assertThat(BatchInference.rowsFor(dense(784, List.of(128, 64, 32)), 2048)).isEqualTo(2048);
        assertThat(BatchInference.rowsFor(dense(784, List.of(3136, 32)), 256)).isEqualTo(256);
        assertThat(BatchInference.rowsFor(dense(784, List.of(1568, 32)), 64)).isEqualTo(512);
        Autoencoder small = dense(9, List.of(16, 8));
        assertThat(small.runsWhole(256)).isTrue();
        assertThat(BatchInference.rowsFor(small, 256)).isEqualTo(256);
        assertThatThrownBy(() -> BatchInference.rowsFor(small, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
