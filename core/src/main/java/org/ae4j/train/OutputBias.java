package org.ae4j.train;

import java.util.Optional;
import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.nn.Dense;
import org.ae4j.nn.Identity;
import org.ae4j.nn.Sequential;
import org.ae4j.spi.Parameter;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Starts a decoder's output bias at the data's marginal — the loss's
 * {@link org.ae4j.spi.Loss#initialOutput initial output} for the per-value mean and variance of the
 * training data — when the decoder is a chain ending in a dense layer with the identity activation.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OutputBias {

    private OutputBias() {
    }

    /** @return whether the bias was set */
    public static boolean initialize(Autoencoder model, Dataset data) {
        if (outputLayer(model).isEmpty()) {
            return false;
        }
        INDArray rows = data.features().reshape('c', data.size(), data.exampleLength());
        INDArray mean;
        INDArray variance;
        if (model.loss().skipsMissingTargets()) {                   // statistics of the observed (non-NaN) entries
            INDArray observed = rows.eq(rows).castTo(rows.dataType());
            INDArray filled = rows.dup();
            org.nd4j.linalg.indexing.BooleanIndexing.replaceWhere(filled, 0.0, org.nd4j.linalg.indexing.conditions.Conditions.isNan());
            INDArray counts = observed.sum(true, 0).addi(1e-12);
            mean = filled.sum(true, 0).divi(counts);
            INDArray centred = filled.subRowVector(mean).muli(observed);
            variance = centred.muli(centred).sum(true, 0).divi(counts);
        } else {
            mean = rows.mean(true, 0);
            variance = rows.var(false, 0).reshape(1, data.exampleLength());
        }
        return initialize(model, mean, variance);
    }

    /**
     * The same from statistics computed elsewhere (e.g. summed over a cluster's partitions).
     *
     * @param mean     each feature's mean over the training examples (of its observed entries, under a loss that
     *                 {@link org.ae4j.spi.Loss#skipsMissingTargets() skips missing targets}), {@code [1, features]}
     * @param variance each feature's variance, likewise
     * @return whether the bias was set
     */
    public static boolean initialize(Autoencoder model, INDArray mean, INDArray variance) {
        Optional<Dense> output = outputLayer(model);
        if (output.isEmpty()) {
            return false;
        }
        Optional<INDArray> initial = model.loss().initialOutput(mean, variance);
        Parameter bias = output.get().bias();
        if (initial.isEmpty() || initial.get().length() != bias.value().length()) {
            return false;
        }
        bias.value().assign(initial.get().reshape(bias.value().shape()).castTo(bias.value().dataType()));
        return true;
    }

    /** The decoder's last layer when it is a dense layer with the identity activation at the end of a chain. */
    private static Optional<Dense> outputLayer(Autoencoder model) {
        if (model.decoder() instanceof Sequential chain && chain.layers().get(chain.layers().size() - 1) instanceof Dense last
                && last.activation().name().equals(Identity.NAME)) {
            return Optional.of(last);
        }
        return Optional.empty();
    }
}
