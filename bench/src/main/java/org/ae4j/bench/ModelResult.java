package org.ae4j.bench;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * One model's benchmark figures; {@code NaN} where a metric does not apply.
 *
 * @param model                  the variant name, or {@code pca-k}
 * @param codeSize               latent size
 * @param testMse                per-value squared error of the reconstruction in [0, 1] data space
 * @param testBce                per-value binary cross-entropy of the reconstruction (clamped to [1e-7, 1 − 1e-7])
 * @param testNegElbo            negative ELBO in nats per example (VAEs)
 * @param pcaMseAtSameCode       the PCA baseline's test MSE with the same latent size
 * @param probeAccuracy          test accuracy of a softmax regression on the frozen train codes
 * @param meanAuroc              mean one-class AUROC of the reconstruction-error score
 * @param aurocByClass           AUROC per normal class
 * @param trainSamplesPerSecond  training throughput after the first epoch
 * @param inferenceSamplesPerSec reconstruction throughput on the test set
 * @param trainSeconds           wall-clock training time
 * @param peakHeapMb             peak JVM heap in use during training
 * @param peakResidentMb         peak resident memory of the process (heap + native) during training
 * @param trainLoss              training loss per epoch
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ModelResult(String model, long codeSize, double testMse, double testBce, double testNegElbo,
                          double pcaMseAtSameCode, double probeAccuracy, double meanAuroc, Map<Integer, Double> aurocByClass,
                          double trainSamplesPerSecond, double inferenceSamplesPerSec, double trainSeconds,
                          double peakHeapMb, double peakResidentMb, List<Double> trainLoss) {

    public ModelResult {
        aurocByClass = Map.copyOf(aurocByClass);
        trainLoss = List.copyOf(trainLoss);
    }
}
