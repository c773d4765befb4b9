package org.ae4j.testkit;

import java.util.List;
import java.util.Optional;
import org.ae4j.model.Autoencoder;
import org.ae4j.nn.IdentityBottleneckSpec;
import org.ae4j.registry.Registry;
import org.ae4j.spi.BottleneckSpec;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.RandomSource;
import org.ae4j.spi.RegularizerSpec;
import org.ae4j.variant.DenseAutoencoderSpec;
import org.nd4j.linalg.api.buffer.DataType;

/** The small dense models the component suites put a lone bottleneck or penalty in. */
final class ComponentModels {

    static final long INPUTS = 8;

    private ComponentModels() {
    }

    /** 8-6 (sigmoid code: penalties on activations in (0, 1) apply) → bottleneck → 6-8 linear output, MSE. */
    static Autoencoder dense(Registry registry, BottleneckSpec bottleneck, List<RegularizerSpec> penalties, DataType type, long seed) {
        Autoencoder model = new DenseAutoencoderSpec(List.of(6), "tanh", "sigmoid", "identity", "mse", bottleneck)
                .build(new long[] {INPUTS}, new BuildContext(registry, type, new RandomSource(seed)));
        return new Autoencoder(model.kernels(), model.encoder(), model.bottleneck(), model.decoder(), model.loss(),
                penalties.stream().map(p -> p.create(registry.kernels())).toList(), Optional.empty());
    }

    static Autoencoder dense(Registry registry, List<RegularizerSpec> penalties, DataType type, long seed) {
        return dense(registry, new IdentityBottleneckSpec(), penalties, type, seed);
    }
}
