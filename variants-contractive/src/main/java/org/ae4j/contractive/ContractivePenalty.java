package org.ae4j.contractive;

import org.ae4j.util.InPlace;
import java.util.List;
import org.ae4j.nn.Dense;
import org.ae4j.spi.Bottleneck;
import org.ae4j.spi.Encoder;
import org.ae4j.spi.ForwardPass;
import org.ae4j.spi.GradientSink;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.Regularizer;
import org.ae4j.spi.Trace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The contractive penalty {@code R = λ·‖J_f(x)‖²_F} on the encoder {@code f} (Rifai, Vincent, Muller,
 * Glorot &amp; Bengio, "Contractive auto-encoders", ICML 2011), as a batch mean.
 *
 * <p><b>Exact</b>, for a one-layer sigmoid encoder {@code h = σ(xW + b)}, {@code W [in, k]}: with
 * {@code dⱼ = hⱼ(1 − hⱼ)} and {@code sⱼ = Σᵢ Wᵢⱼ²}, {@code R = (λ/B) Σ_b Σⱼ d²_bj sⱼ};
 * {@code ∂R/∂h_bj = (2λ/B) d_bj (1 − 2h_bj) sⱼ} (flowing back through the encoder) and directly
 * {@code ∂R/∂Wᵢⱼ = (2λ/B) Wᵢⱼ Σ_b d²_bj}.
 *
 * <p><b>Stochastic</b>, for any encoder: {@code R ≈ (λ/(S B σ²)) Σₛ ‖f(x + εₛ) − f(x)‖²},
 * {@code εₛ ~ N(0, σ²I)}; with {@code Δ = f(x + ε) − f(x)}, the gradient {@code (2λ/(S B σ²)) Δ} flows
 * back through the encoder's own backward at {@code x + ε}, and its negative through the main pass at
 * {@code x}.
 */
public final class ContractivePenalty implements Regularizer {

    public static final String NAME = "contractive";

    private final ContractiveSpec spec;

    public ContractivePenalty(ContractiveSpec spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void requireCompatible(Encoder encoder, Bottleneck bottleneck) {
        if (spec.estimator().equals("exact") && JacobianNorm.oneLayerSigmoid(encoder).isEmpty()) {
            throw new IllegalArgumentException("the exact contractive penalty needs an encoder of one dense sigmoid layer; "
                    + "use \"estimator\": \"stochastic\" (or \"auto\") for other encoders");
        }
    }

    @Override
    public double penalize(ForwardPass pass, List<Parameter> parameters, GradientSink sink) {
        if (!spec.estimator().equals("stochastic")) {
            var layer = JacobianNorm.oneLayerSigmoid(pass.encoder());
            if (layer.isPresent()) {
                return exact(layer.get(), pass.encoded().output(), sink);
            }
        }
        return stochastic(pass, sink);
    }

    private double exact(Dense layer, INDArray h, GradientSink sink) {
        double scale = spec.lambda() / h.size(0);
        INDArray w = layer.weights().value();
        if (org.ae4j.util.Fused.enabled()) {
            INDArray featureGradient = Nd4j.createUninitialized(h.dataType(), h.shape());
            double value = org.ae4j.util.Fused.sigmoidJacobianPenalty(h, w, layer.weights().gradient(), featureGradient, scale);
            if (!Double.isNaN(value)) {                  // three passes instead of ~15 ND4J ops
                sink.addToFeatures(featureGradient);
                return value;
            }
        }
        INDArray s = w.mul(w).sum(true, 0);                 // [1, k]
        INDArray hd = h.mul(h);
        INDArray d = h.sub(hd);                              // h(1 − h); no scalar ops: they allocate per call
        INDArray dSquared = d.mul(d);
        double value = scale * dSquared.mulRowVector(s).sumNumber().doubleValue();
        // ∂R/∂h = 2·scale · d · (1 − 2h) · s
        INDArray twoHd = h.mul(d);
        INDArray featureGradient = InPlace.scale(d.sub(twoHd.addi(twoHd)).muliRowVector(s), 2 * scale);
        sink.addToFeatures(featureGradient);
        // direct ∂R/∂W = 2·scale · W · Σ_b d²
        layer.weights().gradient().addi(InPlace.scale(w.mulRowVector(dSquared.sum(true, 0)), 2 * scale));
        return value;
    }

    private double stochastic(ForwardPass pass, GradientSink sink) {
        INDArray x = pass.input();
        INDArray h = pass.encoded().output();
        double scale = spec.lambda() / (spec.samples() * x.size(0) * spec.sigma() * spec.sigma());
        double value = 0;
        INDArray featureGradient = Nd4j.zeros(h.dataType(), h.shape());
        for (int s = 0; s < spec.samples(); s++) {
            INDArray noisy = pass.random().gaussianInPlace(Nd4j.createUninitialized(x.dataType(), x.shape()), 0, spec.sigma())
                    .addi(x);
            Trace perturbed = pass.encoder().forward(noisy);
            INDArray diff = perturbed.output().sub(h);
            double norm = diff.norm2Number().doubleValue();
            value += scale * norm * norm;
            INDArray gradient = diff.muli(2 * scale);
            featureGradient.subi(gradient);
            pass.encoder().backwardParameters(perturbed, gradient.dup());
        }
        sink.addToFeatures(featureGradient);
        return value;
    }
}
