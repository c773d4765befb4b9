package org.ae4j.train;

import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.spi.RandomSource;
import org.ae4j.util.StepMemory;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Whole-dataset metrics of a trained model, computed in batches (on every core, {@link BatchInference}, but the sampled objective). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Evaluation {

    /** Batches are evaluated in reused native memory; nothing computed in one outlives it. */
    private static final StepMemory MEMORY = new StepMemory("ae4j-evaluation");

    private Evaluation() {
    }

    /**
     * The model's objective without penalties — reconstruction loss plus the bottleneck's term (for a
     * VAE the negative ELBO, one posterior sample per example) — averaged over every example.
     * Deterministic: stochastic bottlenecks draw from a fresh copy of {@code random}'s stream.
     */
    public static double objective(Autoencoder model, Dataset data, int batchSize, RandomSource random) {
        RandomSource draws = new RandomSource(random.seed());
        double sum = 0;
        for (INDArray batch : data.batches(batchSize)) {
            try (MemoryWorkspace ignored = MEMORY.open()) {
                sum += model.objective(batch, draws).total() * batch.size(0);
            }
        }
        return sum / data.size();
    }

    /** The model's reconstruction loss (deterministic path), averaged over every example. */
    public static double reconstructionLoss(Autoencoder model, Dataset data, int batchSize) {
        double[] sum = BatchInference.sum(data, batchSize, 1,
                batch -> new double[] {model.reconstructionLoss(batch, batch) * batch.size(0)});
        return sum[0] / data.size();
    }

    /**
     * Mean squared error between the data and its reconstruction in data space, per element — the
     * figure autoencoder papers call "test MSE", whatever loss the model was trained with. Missing
     * entries ({@code NaN} in a table's features) are left out of the sum and the count.
     */
    public static double meanSquaredError(Autoencoder model, Dataset data, int batchSize) {
        double[] sums = BatchInference.sum(data, batchSize, 2, batch -> {
            INDArray diff = model.reconstruct(batch).subi(batch);
            INDArray observed = diff.eq(diff);
            double count = observed.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sumNumber().doubleValue();
            org.nd4j.linalg.indexing.BooleanIndexing.replaceWhere(diff, 0.0, org.nd4j.linalg.indexing.conditions.Conditions.isNan());
            double norm = diff.norm2Number().doubleValue();
            return new double[] {norm * norm, count};
        });
        return sums[1] == 0 ? Double.NaN : sums[0] / sums[1];
    }
}
