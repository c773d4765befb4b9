package org.ae4j.spark;

import org.ae4j.train.Trainer;
import org.apache.spark.broadcast.Broadcast;

/** {@link TrainingMode#GRADIENT_AGGREGATION}: per step, the partitions' gradients summed, one optimizer step on the driver. */
final class GradientAggregation implements DistributedTraining {

    @Override
    public EpochSum epoch(TrainingJob job, int epoch) {
        JobSpec spec = job.spec();
        double lossSum = 0;
        long rows = 0;
        for (int step = 0; step < job.stepsPerEpoch(); step++) {
            Broadcast<float[]> parameters = job.broadcast(Flat.values(job.parameters()));
            int s = step;
            Contribution total = job.aggregate((sum, shard) -> sum.plus(Replica.with(spec, replica -> {
                Flat.setValues(replica.parameters(), parameters.value());
                double[] loss = new double[1];
                int n = replica.gradients(shard, epoch, s, loss);
                return n == 0 ? Contribution.none()
                        : Contribution.of(n, loss[0] * n, Flat.gradients(replica.parameters()), null, 1);
            })));
            parameters.destroy();
            if (total.rows == 0) {
                break;
            }
            TrainingJob.requireFinite(total, epoch, step + 1);
            Flat.setGradients(job.parameters(), total.meanVector());
            if (spec.clipNorm() > 0) {
                Trainer.clipGradients(job.parameters(), spec.clipNorm(), epoch, step + 1);
            }
            job.optimizer().step(job.parameters());
            lossSum += total.lossSum;
            rows += total.rows;
        }
        return new EpochSum(lossSum, rows);
    }
}
