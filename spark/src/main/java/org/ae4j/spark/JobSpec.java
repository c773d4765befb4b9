package org.ae4j.spark;

import java.io.Serializable;

/**
 * What an executor needs to rebuild the driver's model for one training run: the config as JSON (read with the
 * registered names only, as a config file is), the input shape, the seed and the local batch.
 *
 * @param job        a name unique to the run, keying its replicas in each executor
 * @param configJson the model config
 * @param inputShape per-example input shape
 * @param seed       the run's seed
 * @param localBatch rows per partition per step
 * @param clipNorm   gradient clipping (0: none), applied to the combined gradient — and, when averaging
 *                   parameters, to each local step's
 * @param workers    data-parallel lanes per task (threads)
 */
record JobSpec(String job, String configJson, long[] inputShape, long seed, int localBatch, double clipNorm, int workers)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    JobSpec {
        inputShape = inputShape.clone();
    }

    @Override
    public long[] inputShape() {
        return inputShape.clone();
    }

    int width() {
        long w = 1;
        for (long d : inputShape) {
            w *= d;
        }
        return Math.toIntExact(w);
    }
}
