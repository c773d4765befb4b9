package org.ae4j.spark;

/** One of the {@link TrainingMode}s: how an epoch's steps run on the partitions and reach the driver's model. */
interface DistributedTraining {

    /**
     * Runs epoch {@code epoch} (1-based); afterwards the driver's model and optimizer hold its result.
     *
     * @return the epoch's training loss summed over its rows, and the rows
     */
    EpochSum epoch(TrainingJob job, int epoch);

    /** An epoch's loss summed over the rows it trained on. */
    record EpochSum(double lossSum, long rows) {
        double mean() {
            return lossSum / rows;
        }
    }
}
