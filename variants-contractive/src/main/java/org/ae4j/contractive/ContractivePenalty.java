package org.ae4j.contractive;

import java.util.List;
import java.util.Objects;
import org.ae4j.nn.Dense;
import org.ae4j.spi.Bottleneck;
import org.ae4j.spi.Encoder;
import org.ae4j.spi.ForwardPass;
import org.ae4j.spi.GradientSink;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.Regularizer;
import org.ae4j.spi.Trace;
import org.apiguardian.api.API;
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
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ContractivePenalty implements Regularizer {

    public static final String NAME = "contractive";

    private final ContractiveSpec spec;
    private final Kernels kernels;
    private final SigmoidJacobian closedForm;

    public ContractivePenalty(ContractiveSpec spec, Kernels kernels) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.closedForm = kernels.select(Nd4jSigmoidJacobian::new, VectorSigmoidJacobian::new);
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
        INDArray featureGradient = Nd4j.createUninitialized(h.dataType(), h.shape());
        boolean overwrite = layer.weights().claimGradient();  // the step's first contribution: written, not added
        double value = closedForm.penalty(h, layer.weights().value(), layer.weights().gradient(), overwrite, featureGradient,
                spec.lambda() / h.size(0));
        sink.addToFeatures(featureGradient);
        return value;
    }

    private double stochastic(ForwardPass pass, GradientSink sink) {
        INDArray x = pass.input();
        INDArray h = pass.encoded().output();
        double scale = spec.lambda() / (spec.samples() * x.size(0) * spec.sigma() * spec.sigma());
        double value = 0;
        INDArray featureGradient = Nd4j.zeros(h.dataType(), h.shape());
        for (int s = 0; s < spec.samples(); s++) {
            INDArray noisy = kernels.gaussian(Nd4j.createUninitialized(x.dataType(), x.shape()), 0, spec.sigma(), pass.random())
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
