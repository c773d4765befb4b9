package org.ae4j.persist;

import org.apiguardian.api.API;

/**
 * Where a saved model came from.
 *
 * @param epochs                epochs trained
 * @param trainLoss             training loss of the last epoch
 * @param validationLoss        validation loss of the last epoch, {@code NaN} without validation
 * @param dataset               a description of the training data, e.g. its directory
 * @param seed                  the training seed
 * @param createdAt             ISO-8601 instant of saving
 * @param trainSamplesPerSecond training throughput over the epochs after the first
 * @param provenance            JVM, OS, CPU, ND4J build, kernels and workers of the run ({@link Provenance#UNKNOWN}
 *                              in files written before it was recorded)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TrainingMetadata(int epochs, double trainLoss, double validationLoss, String dataset, long seed,
                               String createdAt, double trainSamplesPerSecond, Provenance provenance) {

    public TrainingMetadata {
        provenance = provenance == null ? Provenance.UNKNOWN : provenance;
    }
}
