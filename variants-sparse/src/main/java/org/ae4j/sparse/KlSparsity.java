package org.ae4j.sparse;

import java.nio.FloatBuffer;
import java.util.List;
import org.ae4j.spi.Bottleneck;
import org.ae4j.spi.Encoder;
import org.ae4j.spi.ForwardPass;
import org.ae4j.spi.GradientSink;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.Regularizer;
import org.ae4j.util.Fused;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The sparse autoencoder's KL penalty (Ng, "Sparse autoencoder", CS294A lecture notes, 2011):
 * {@code R = β Σⱼ KL(ρ ‖ ρ̂ⱼ)}, {@code KL(ρ ‖ ρ̂) = ρ log(ρ/ρ̂) + (1−ρ) log((1−ρ)/(1−ρ̂))}, where
 * {@code ρ̂ⱼ = (1/B) Σ_b a_bj} is unit j's mean activation over the batch. Gradient:
 * {@code ∂R/∂a_bj = (β/B)(−ρ/ρ̂ⱼ + (1−ρ)/(1−ρ̂ⱼ))}. Needs activations in (0, 1) — a sigmoid layer —
 * which {@link #requireCompatible} checks; ρ̂ is clamped to [1e-7, 1 − 1e-7] against saturated units.
 * In data-parallel training ρ̂ is the whole batch's ({@link org.ae4j.spi.BatchSlice#sum}), and each
 * slice's gradient is that of its own examples.
 */
public final class KlSparsity implements Regularizer {

    public static final String NAME = "kl-sparsity";
    private static final double CLAMP = 1e-7;

    private final KlSparsitySpec spec;

    public KlSparsity(KlSparsitySpec spec) {
        this.spec = spec;
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
        FloatBuffer activations = Fused.floats(a);
        double[] rhoHat = pass.batch().sum(activations != null ? columnSums(activations, (int) batch, (int) a.size(1))
                : a.sum(0).castTo(DataType.DOUBLE).toDoubleVector());
        for (int j = 0; j < rhoHat.length; j++) {
            rhoHat[j] /= pass.batch().batchSize();
        }
        double rho = spec.rho();
        double value = 0;
        double[] unitGradient = new double[rhoHat.length];
        for (int j = 0; j < rhoHat.length; j++) {
            double r = Math.min(1 - CLAMP, Math.max(CLAMP, rhoHat[j]));
            value += rho * Math.log(rho / r) + (1 - rho) * Math.log((1 - rho) / (1 - r));
            unitGradient[j] = spec.beta() / batch * (-rho / r + (1 - rho) / (1 - r));
        }
        INDArray gradient;
        if (activations != null) {                          // small arrays: plain Java beats ~6 ND4J ops
            gradient = Nd4j.createUninitialized(DataType.FLOAT, a.shape());
            FloatBuffer rows = Fused.floats(gradient);
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < unitGradient.length; j++) {
                    rows.put(b * unitGradient.length + j, (float) unitGradient[j]);
                }
            }
            java.lang.ref.Reference.reachabilityFence(a);
        } else {
            INDArray row = Nd4j.create(unitGradient, new long[] {1, unitGradient.length}, 'c').castTo(a.dataType());
            gradient = Nd4j.zeros(a.dataType(), a.shape()).addiRowVector(row);
        }
        WatchedLayer.gradientTarget(sink, spec.layer()).accept(gradient);
        return spec.beta() * value;
    }

    /** Column sums of a {@code [rows, cols]} float block, in double. */
    private static double[] columnSums(FloatBuffer values, int rows, int cols) {
        double[] sums = new double[cols];
        for (int b = 0; b < rows; b++) {
            for (int j = 0; j < cols; j++) {
                sums[j] += values.get(b * cols + j);
            }
        }
        return sums;
    }
}
