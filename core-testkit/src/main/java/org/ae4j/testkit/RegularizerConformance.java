package org.ae4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ae4j.Ae4j;
import org.ae4j.check.GradientCheck;
import org.ae4j.config.ConfigCodec;
import org.ae4j.model.Autoencoder;
import org.ae4j.model.StepContext;
import org.ae4j.registry.Registry;
import org.ae4j.spi.RandomSource;
import org.ae4j.spi.RegularizerSpec;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The conformance suite of a lone penalty ({@link org.ae4j.spi.Regularizer}): extend it and give the spec.
 * It puts the penalty on a small dense autoencoder (8-6 with a sigmoid code, 6-8) and checks that the
 * spec is registered under its type with these defaults and round-trips through JSON, that the penalty
 * is a finite non-negative number that the same randomness repeats, and that the whole objective's
 * gradient with the penalty matches finite differences (in double precision).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public abstract class RegularizerConformance {

    /** The penalty's configuration, as a user would write it. */
    protected abstract RegularizerSpec spec();

    private static final Registry REGISTRY = Ae4j.registry();

    private static INDArray batch(DataType type) {
        return Fixtures.uniform(21, 0.05, 0.95, type, 5, ComponentModels.INPUTS);
    }

    @Test
    void specIsRegisteredAndRoundTripsThroughJson() throws Exception {
        assertThat(REGISTRY.regularizerNames()).contains(spec().type());
        var mapper = new ConfigCodec(REGISTRY).mapper();
        String json = mapper.writeValueAsString(spec());
        assertThat(mapper.readValue(json, RegularizerSpec.class)).isEqualTo(spec());
    }

    @Test
    void penaltyIsFiniteNonNegativeAndSeeded() {
        Autoencoder model = ComponentModels.dense(REGISTRY, List.of(spec()), DataType.FLOAT, 3);
        INDArray x = batch(DataType.FLOAT);
        double first = model.computeGradients(x, x, StepContext.of(new RandomSource(4))).penalty();
        double again = model.computeGradients(x, x, StepContext.of(new RandomSource(4))).penalty();
        assertThat(first).isFinite().isGreaterThanOrEqualTo(0);
        assertThat(again).isEqualTo(first);
    }

    @Test
    void gradientWithThePenaltyMatchesFiniteDifferences() {
        Autoencoder model = ComponentModels.dense(REGISTRY, List.of(spec()), DataType.DOUBLE, 5);
        INDArray x = batch(DataType.DOUBLE);
        GradientCheck.Report report = GradientCheck.autoencoder(model, x, x, 7, GradientCheck.Options.defaults());
        assertThat(report.passed()).as(report.toString()).isTrue();
    }
}
