package org.ae4j.spark;

import java.util.List;
import org.ae4j.config.ConfigCodec;
import org.ae4j.config.ModelConfig;
import org.ae4j.model.Autoencoder;
import org.ae4j.model.StepContext;
import org.ae4j.model.StepLoss;
import org.ae4j.registry.Registry;
import org.ae4j.spi.Optimizer;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.RandomSource;
import org.ae4j.train.DataParallelStep;
import org.ae4j.train.DivergenceException;
import org.ae4j.train.Trainer;
import org.ae4j.util.StepMemory;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An executor's copy of the driver's model for one run, with its own optimizer, step memory and batch buffer:
 * borrowed by one task at a time, loaded with the round's parameters, and stepped on the task's partition.
 */
final class Replica {

    private final JobSpec spec;
    private final Autoencoder model;
    private final Optimizer optimizer;
    private final StepMemory memory = new StepMemory("ae4j-spark-step");
    private final DataParallelStep parallel;
    private final float[] batch;
    private final long[] batchShape;

    private Replica(JobSpec spec) {
        this.spec = spec;
        Registry registry = ExecutorCache.registry();
        ModelConfig config = new ConfigCodec(registry).read(spec.configJson(), "the Spark training job's config");
        this.model = config.build(spec.inputShape(), registry);
        this.optimizer = config.optimizer().create(model.kernels());
        this.parallel = spec.workers() > 1 ? new DataParallelStep(model, spec.workers(), memory) : null;
        this.batch = new float[spec.localBatch() * spec.width()];
        long[] shape = spec.inputShape();
        this.batchShape = new long[shape.length + 1];
        System.arraycopy(shape, 0, batchShape, 1, shape.length);
    }

    /** Runs {@code work} on a replica of {@code spec}'s run, borrowed from this JVM's pool and given back after. */
    static <T> T with(JobSpec spec, java.util.function.Function<Replica, T> work) {
        Replica replica = ExecutorCache.borrow(spec.job(), () -> new Replica(spec));
        try {
            return work.apply(replica);
        } finally {
            ExecutorCache.giveBack(spec.job(), replica);
        }
    }

    List<Parameter> parameters() {
        return model.parameters();
    }

    Optimizer optimizer() {
        return optimizer;
    }

    Autoencoder model() {
        return model;
    }

    /**
     * One step's gradients on local step {@code step} of {@code epoch} of {@code shard}, left in the parameters'
     * gradient buffers (of the mean loss over the step's rows); returns the rows (0: the epoch's rows are used up)
     * and, in {@code loss[0]}, the step's mean loss.
     */
    int gradients(Shard shard, int epoch, int step, double[] loss) {
        int rows = shard.batch(spec.seed(), epoch, step, spec.localBatch(), batch);
        if (rows == 0) {
            return 0;
        }
        RandomSource root = new RandomSource(spec.seed());
        String where = "partition " + shard.partition;
        RandomSource stochastic = root.split("model").split("epoch " + epoch).split(where).split("step " + step);
        RandomSource corrupting = root.split("corruption").split("epoch " + epoch).split(where).split("step " + step);
        try (MemoryWorkspace ignored = memory.open()) {
            batchShape[0] = rows;
            INDArray x = Nd4j.createFromArray(rows == spec.localBatch() ? batch : java.util.Arrays.copyOf(batch, rows * spec.width()))
                    .reshape(batchShape).castTo(parameters().get(0).value().dataType());
            StepLoss result;
            if (parallel != null) {
                parallel.startEpoch(stochastic, corrupting);
                result = parallel.step(x, epoch);
            } else {
                result = model.trainingStep(x, StepContext.of(stochastic, corrupting, epoch));
            }
            if (!Double.isFinite(result.total())) {
                throw new DivergenceException(epoch, step + 1, "loss is " + result.total() + " on " + where);
            }
            loss[0] = result.total();
        }
        return rows;
    }

    /**
     * Local steps {@code [from, to)} of {@code epoch} with this replica's optimizer; returns the rows trained on and,
     * in {@code loss[0]}, their summed loss, and in {@code taken[0]} the steps taken.
     */
    long localSteps(Shard shard, int epoch, int from, int to, double[] loss, long[] taken) {
        long rows = 0;
        double sum = 0;
        double[] one = new double[1];
        int step = from;
        for (; step < to; step++) {
            int n = gradients(shard, epoch, step, one);
            if (n == 0) {
                break;
            }
            if (spec.clipNorm() > 0) {
                Trainer.clipGradients(parameters(), spec.clipNorm(), epoch, step + 1);
            }
            optimizer.step(parameters());
            rows += n;
            sum += one[0] * n;
        }
        loss[0] = sum;
        taken[0] = step - from;
        return rows;
    }

    /** Per-example reconstruction losses of {@code rows} rows of {@code values} (row-major). */
    double[] scores(float[] values, int rows) {
        double[] scores = new double[rows];
        int chunk = Math.max(1, spec.localBatch());
        for (int from = 0; from < rows; from += chunk) {
            int n = Math.min(chunk, rows - from);
            try (MemoryWorkspace ignored = memory.open()) {
                batchShape[0] = n;
                INDArray x = Nd4j.createFromArray(java.util.Arrays.copyOfRange(values, from * spec.width(), (from + n) * spec.width()))
                        .reshape(batchShape).castTo(parameters().get(0).value().dataType());
                double[] part = model.reconstructionLossPerExample(x).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
                System.arraycopy(part, 0, scores, from, n);
            }
        }
        return scores;
    }
}
