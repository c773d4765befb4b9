package org.ae4j.sparse;

import java.util.List;
import java.util.Objects;
import org.ae4j.spi.Bottleneck;
import org.ae4j.spi.Encoder;
import org.ae4j.spi.ForwardPass;
import org.ae4j.spi.GradientSink;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.Regularizer;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sparse autoencoder's KL penalty (Ng, "Sparse autoencoder", CS294A lecture notes, 2011):
 * {@code R = β Σⱼ KL(ρ ‖ ρ̂ⱼ)}, {@code KL(ρ ‖ ρ̂) = ρ log(ρ/ρ̂) + (1−ρ) log((1−ρ)/(1−ρ̂))}, where
 * {@code ρ̂ⱼ = (1/B) Σ_b a_bj} is unit j's mean activation over the batch. Gradient:
 * {@code ∂R/∂a_bj = (β/B)(−ρ/ρ̂ⱼ + (1−ρ)/(1−ρ̂ⱼ))}. Needs activations in (0, 1) — a sigmoid layer —
 * which {@link #requireCompatible} checks; ρ̂ is clamped to [1e-7, 1 − 1e-7] against saturated units.
 * In data-parallel training ρ̂ is the whole batch's ({@link org.ae4j.spi.BatchSlice#sum}), and each
 * slice's gradient is that of its own examples.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class KlSparsity implements Regularizer {

    public static final String NAME = "kl-sparsity";
    private static final double CLAMP = 1e-7;

    private final KlSparsitySpec spec;
    private final Kernels kernels;

    public KlSparsity(KlSparsitySpec spec, Kernels kernels) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.kernels = Objects.requireNonNull(kernels, "kernels");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void requireCompatible(Encoder encoder, Bottleneck bottleneck) {
        String activation = WatchedLayer.activationName(encoder, bottleneck, spec.layer(), NAME);
        if (!activation.equals("sigmoid")) {
            throw new IllegalArgumentException(NAME + " needs activations in (0, 1), but " + WatchedLayer.describe(spec.layer())
                    + " uses '" + activation + "'; give it a sigmoid activation (e.g. \"codeActivation\": \"sigmoid\") or use "
                    + "l1-activity");
        }
    }

    @Override
    public double penalize(ForwardPass pass, List<Parameter> parameters, GradientSink sink) {
        INDArray a = WatchedLayer.activations(pass, spec.layer());
        long batch = a.size(0);
        double[] rhoHat = pass.batch().sum(kernels.columnSums(a));
        double rho = spec.rho();
        double value = 0;
        double[] unitGradient = new double[rhoHat.length];
        for (int j = 0; j < rhoHat.length; j++) {
            double r = Math.min(1 - CLAMP, Math.max(CLAMP, rhoHat[j] / pass.batch().batchSize()));
            value += rho * Math.log(rho / r) + (1 - rho) * Math.log((1 - rho) / (1 - r));
            unitGradient[j] = spec.beta() / batch * (-rho / r + (1 - rho) / (1 - r));
        }
        WatchedLayer.gradientTarget(sink, spec.layer()).accept(kernels.repeatRow(unitGradient, batch, a.dataType()));
        return spec.beta() * value;
    }
}
