package org.ae4j.variant;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ae4j.spi.CorruptionSpec;
import org.ae4j.spi.OptimizerSpec;
import org.ae4j.spi.RegularizerSpec;
import org.ae4j.train.TrainingConfig;
import org.apiguardian.api.API;

/**
 * A variant that is a fixed recipe: its parts are given once, to the constructor — directly
 * ({@code new BaseVariant("wae", "…", spec, List.of(mmd), Optional.empty(), AdamSpec.defaults(), training)}),
 * or by a subclass that only names its defaults.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class BaseVariant implements Variant {

    private final String name;
    private final String description;
    private final VariantSpec spec;
    private final List<RegularizerSpec> regularizers;
    private final Optional<CorruptionSpec> corruption;
    private final OptimizerSpec optimizer;
    private final TrainingConfig training;

    public BaseVariant(String name, String description, VariantSpec spec, List<RegularizerSpec> regularizers,
                          Optional<CorruptionSpec> corruption, OptimizerSpec optimizer, TrainingConfig training) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.regularizers = List.copyOf(regularizers);
        this.corruption = Objects.requireNonNull(corruption, "corruption");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.training = Objects.requireNonNull(training, "training");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public VariantSpec spec() {
        return spec;
    }

    @Override
    public final List<RegularizerSpec> regularizers() {
        return regularizers;
    }

    @Override
    public final Optional<CorruptionSpec> corruption() {
        return corruption;
    }

    @Override
    public final OptimizerSpec optimizer() {
        return optimizer;
    }

    @Override
    public final TrainingConfig training() {
        return training;
    }
}
