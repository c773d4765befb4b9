package org.ae4j.spark;

import org.ae4j.spi.OptimizerState;
import org.apache.spark.broadcast.Broadcast;

/**
 * {@link TrainingMode#PARAMETER_AVERAGING}: rounds of K local steps per partition from the same parameters and
 * optimizer state (one broadcast), then both averaged, weighted by the rows each partition trained on (a partition with
 * no rows left in the round counts for nothing), the parameters' move filtered by block momentum.
 */
final class ParameterAveraging implements DistributedTraining {

    private final int averagingSteps;
    private final double blockMomentum;
    private float[] momentum;

    ParameterAveraging(int averagingSteps, double blockMomentum) {
        if (averagingSteps < 1) {
            throw new IllegalArgumentException("averagingSteps must be >= 1, got " + averagingSteps);
        }
        if (!(blockMomentum >= 0 && blockMomentum < 1)) {
            throw new IllegalArgumentException("blockMomentum must be in [0, 1), got " + blockMomentum);
        }
        this.averagingSteps = averagingSteps;
        this.blockMomentum = blockMomentum;
    }

    @Override
    public EpochSum epoch(TrainingJob job, int epoch) {
        JobSpec spec = job.spec();
        double lossSum = 0;
        long rows = 0;
        for (int from = 0; from < job.stepsPerEpoch(); from += averagingSteps) {
            int first = from;
            int end = Math.min(job.stepsPerEpoch(), from + averagingSteps);
            long iterations = job.optimizer().iterations();
            float[] start = Flat.values(job.parameters());
            int count = start.length;
            Broadcast<float[]> round = job.broadcast(Flat.concat(start, Flat.state(job.optimizer().state(job.parameters()))));
            Contribution total = job.aggregate((sum, shard) -> sum.plus(Replica.with(spec, replica -> {
                float[] both = round.value();
                Flat.setValues(replica.parameters(), java.util.Arrays.copyOf(both, count));
                OptimizerState template = replica.optimizer().state(replica.parameters());
                replica.optimizer().restore(Flat.state(java.util.Arrays.copyOfRange(both, count, both.length), iterations, template),
                        replica.parameters());
                double[] loss = new double[1];
                long[] taken = new long[1];
                long n = replica.localSteps(shard, epoch, first, end, loss, taken);
                return n == 0 ? Contribution.none() : Contribution.of(n, loss[0], Flat.values(replica.parameters()),
                        Flat.state(replica.optimizer().state(replica.parameters())), taken[0]);
            })));
            round.destroy();
            if (total.rows == 0) {
                break;
            }
            TrainingJob.requireFinite(total, epoch, end);
            Flat.setValues(job.parameters(), update(start, total.meanVector()));
            OptimizerState template = job.optimizer().state(job.parameters());
            job.optimizer().restore(Flat.state(total.meanState(), iterations + total.steps, template), job.parameters());
            lossSum += total.lossSum;
            rows += total.rows;
        }
        return new EpochSum(lossSum, rows);
    }

    /**
     * The round's new parameters: the average itself without block momentum; with it (Chen &amp; Huo, 2016, "blockwise
     * model-update filtering"), {@code G ← η·G + (average − start)} and {@code start + G}, which restores the progress
     * that averaging diverging replicas loses.
     */
    private float[] update(float[] start, float[] average) {
        if (blockMomentum == 0) {
            return average;
        }
        if (momentum == null) {
            momentum = new float[start.length];
        }
        float[] next = new float[start.length];
        for (int i = 0; i < start.length; i++) {
            momentum[i] = (float) (blockMomentum * momentum[i]) + (average[i] - start[i]);
            next[i] = start[i] + momentum[i];
        }
        return next;
    }
}
