package org.ae4j.spark;

import java.util.Arrays;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * How {@link AutoencoderEstimator} trains across a cluster; both are synchronous and seeded, so a run is
 * reproducible for a given partitioning.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public enum TrainingMode {

    /**
     * Every step, each partition computes the gradient of its share of the batch, the gradients are summed with
     * {@code treeAggregate}, and the driver takes one optimizer step — Spark MLlib's multilayer-perceptron pattern.
     * The same updates as one JVM training on the same batches (up to float rounding); one Spark job per step.
     */
    GRADIENT_AGGREGATION("gradient-aggregation"),

    /**
     * Each partition takes K local optimizer steps from the same parameters, then the parameters and the optimizer
     * state are averaged, weighted by rows — Deeplearning4j's parameter averaging — and the parameters' move is
     * filtered by block momentum (Chen &amp; Huo, 2016), which restores the progress plain averaging loses when the
     * partitions' trajectories drift apart. One Spark job per K steps; approximate.
     */
    PARAMETER_AVERAGING("parameter-averaging");

    private final String paramValue;

    TrainingMode(String paramValue) {
        this.paramValue = paramValue;
    }

    /** The name used in the estimator's {@code trainingMode} param. */
    public String paramValue() {
        return paramValue;
    }

    /** The mode a param value names. */
    public static TrainingMode named(String value) {
        return Arrays.stream(values()).filter(m -> m.paramValue.equals(value.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown training mode '" + value + "'; expected one of "
                        + Arrays.stream(values()).map(TrainingMode::paramValue).toList()));
    }

    DistributedTraining strategy(int averagingSteps, double blockMomentum) {
        return this == GRADIENT_AGGREGATION ? new GradientAggregation() : new ParameterAveraging(averagingSteps, blockMomentum);
    }
}
