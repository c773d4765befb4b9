package org.ae4j.spark;

import org.ae4j.spi.OptimizerState;
import org.apache.spark.broadcast.Broadcast;

/**
 * {@link TrainingMode#PARAMETER_AVERAGING}: rounds of K local steps per partition from the same parameters and
 * optimizer state, then both averaged, weighted by the rows each partition trained on (a partition with no rows left
 * in the round counts for nothing).
 */
final class ParameterAveraging implements DistributedTraining {

    private final int averagingSteps;

    ParameterAveraging(int averagingSteps) {
        if (averagingSteps < 1) {
            throw new IllegalArgumentException("averagingSteps must be >= 1, got " + averagingSteps);
        }
        this.averagingSteps = averagingSteps;
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
            Broadcast<float[]> parameters = job.broadcast(Flat.values(job.parameters()));
            Broadcast<float[]> state = job.broadcast(Flat.state(job.optimizer().state(job.parameters())));
            Contribution total = job.aggregate((sum, shard) -> sum.plus(Replica.with(spec, replica -> {
                Flat.setValues(replica.parameters(), parameters.value());
                OptimizerState template = replica.optimizer().state(replica.parameters());
                replica.optimizer().restore(Flat.state(state.value(), iterations, template), replica.parameters());
                double[] loss = new double[1];
                long[] taken = new long[1];
                long n = replica.localSteps(shard, epoch, first, end, loss, taken);
                return n == 0 ? Contribution.none() : Contribution.of(n, loss[0], Flat.values(replica.parameters()),
                        Flat.state(replica.optimizer().state(replica.parameters())), taken[0]);
            })));
            parameters.destroy();
            state.destroy();
            if (total.rows == 0) {
                break;
            }
            TrainingJob.requireFinite(total, epoch, end);
            Flat.setValues(job.parameters(), total.meanVector());
            OptimizerState template = job.optimizer().state(job.parameters());
            job.optimizer().restore(Flat.state(total.meanState(), iterations + total.steps, template), job.parameters());
            lossSum += total.lossSum;
            rows += total.rows;
        }
        return new EpochSum(lossSum, rows);
    }
}
