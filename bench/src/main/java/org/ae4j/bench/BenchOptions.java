package org.ae4j.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a benchmark run does.
 *
 * @param data            Fashion-MNIST directory; empty for the embedded sample
 * @param variants        variants to run; empty for every discovered one
 * @param epochs          training epochs of every model
 * @param anomalyClasses  how many classes (0, 1, …) the one-class AUROC protocol runs, 0–10
 * @param probeIterations full-batch Adam steps of the linear probe
 * @param seed            the seed of every model and of the evaluation draws
 * @param out             the output directory
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BenchOptions(Optional<Path> data, List<String> variants, int epochs, int anomalyClasses, int probeIterations,
                           long seed, Path out) {

    public BenchOptions {
        Objects.requireNonNull(data, "data");
        variants = List.copyOf(variants);
        Objects.requireNonNull(out, "out");
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (anomalyClasses < 0 || anomalyClasses > 10) {
            throw new IllegalArgumentException("anomaly classes must be 0 to 10, got " + anomalyClasses);
        }
        if (probeIterations < 1) {
            throw new IllegalArgumentException("probe iterations must be >= 1, got " + probeIterations);
        }
    }

    /** The quick run: embedded sample, 2 epochs, 2 anomaly classes. */
    public static BenchOptions quick(Path out) {
        return new BenchOptions(Optional.empty(), List.of(), 2, 2, 150, 12345L, out);
    }
}
