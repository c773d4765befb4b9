package org.ae4j.spark;

import java.util.List;
import org.ae4j.model.Autoencoder;
import org.ae4j.spi.Optimizer;
import org.ae4j.spi.Parameter;
import org.ae4j.train.DivergenceException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * The driver's side of one distributed run: the cached partitions, the executors' job spec, the driver's model and
 * optimizer (the run's one true copy), and the number of local steps in an epoch.
 *
 * @param stepsPerEpoch local steps in an epoch: enough for the largest partition to use all its rows
 */
record TrainingJob(JavaSparkContext spark, JavaRDD<Shard> shards, JobSpec spec, Autoencoder model, Optimizer optimizer,
                   int stepsPerEpoch) {

    /** The depth of the aggregation tree: 2 levels, as Spark MLlib's optimizers use. */
    private static final int TREE_DEPTH = 2;

    List<Parameter> parameters() {
        return model.parameters();
    }

    /** Sums what {@code perShard} gives for each partition. */
    Contribution aggregate(Function2<Contribution, Shard, Contribution> perShard) {
        return shards.treeAggregate(Contribution.none(), perShard, Contribution::plus, TREE_DEPTH);
    }

    /** Broadcasts {@code values} for one round. */
    Broadcast<float[]> broadcast(float[] values) {
        return spark.broadcast(values);
    }

    /** Refuses a round whose loss is not finite. */
    static void requireFinite(Contribution total, int epoch, int step) {
        if (!Double.isFinite(total.lossSum)) {
            throw new DivergenceException(epoch, step, "loss is " + total.lossSum / total.rows + " across the partitions");
        }
    }
}
