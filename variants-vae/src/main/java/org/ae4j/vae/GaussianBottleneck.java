package org.ae4j.vae;

import java.util.List;
import java.util.Objects;
import org.ae4j.nn.Identity;
import org.ae4j.spi.Bottleneck;
import org.ae4j.spi.Code;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.OnnxExportable;
import org.ae4j.spi.OnnxGraph;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.RandomSource;
import org.ae4j.util.Gemm;
import org.ae4j.util.InPlace;
import org.ae4j.util.OnesRow;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The VAE's stochastic bottleneck (Kingma &amp; Welling, "Auto-Encoding Variational Bayes", 2014):
 * a linear map of the encoder features {@code h [B, F]} to {@code [μ, log σ²] = h·W + b}
 * ({@code W [F, 2L]}), the reparameterised sample {@code z = μ + σ ⊙ ε}, {@code ε ~ N(0, I)}, and the
 * loss term {@code βₑ · (1/B) Σ_b KL(q(z|x_b) ‖ N(0, I))} with the analytic
 * {@code KL = −½ Σⱼ (1 + log σ²ⱼ − μⱼ² − σ²ⱼ)}.
 *
 * <p>Backward, with {@code g = ∂L/∂z}: {@code ∂/∂μ = g + (βₑ/B)·μ},
 * {@code ∂/∂log σ² = ½ g ⊙ ε ⊙ σ + (βₑ/B)·½(σ² − 1)}, zero where {@code log σ²} was clipped to
 * {@code [logVarMin, logVarMax]}. The KL weight warms up linearly, {@code βₑ = β·min(1, e/warmup)} in
 * epoch {@code e}. At inference {@link #encode} gives the posterior mean {@code μ}. The sampling and
 * its backward pass are a {@link Reparameterization} kernel, chosen once through {@link Kernels#select}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class GaussianBottleneck implements Bottleneck, OnnxExportable {

    private final long features;
    private final long latent;
    private final double beta;
    private final int warmupEpochs;
    private final double logVarMin;
    private final double logVarMax;
    private final Parameter weights;
    private final Parameter bias;
    private final Kernels kernels;
    private final Reparameterization sampling;

    /**
     * @param weights {@code [features, 2·latent]}: the μ columns, then the log σ² columns
     * @param bias    {@code [1, 2·latent]}
     * @param kernels the kernels it computes with
     */
    public GaussianBottleneck(INDArray weights, INDArray bias, double beta, int warmupEpochs, double logVarMin,
                              double logVarMax, Kernels kernels) {
        if (weights.rank() != 2 || weights.size(1) % 2 != 0 || bias.rank() != 2 || bias.size(1) != weights.size(1)) {
            throw new IllegalArgumentException("gaussian bottleneck needs weights [features, 2·latent] and bias [1, 2·latent], "
                    + "got " + java.util.Arrays.toString(weights.shape()) + " and " + java.util.Arrays.toString(bias.shape()));
        }
        this.features = weights.size(0);
        this.latent = weights.size(1) / 2;
        this.beta = beta;
        this.warmupEpochs = warmupEpochs;
        this.logVarMin = logVarMin;
        this.logVarMax = logVarMax;
        this.weights = new Parameter("bottleneck.W", Parameter.Kind.WEIGHT, weights);
        this.bias = new Parameter("bottleneck.b", Parameter.Kind.BIAS, bias);
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.sampling = kernels.select(() -> new Nd4jReparameterization(latent, logVarMin, logVarMax, kernels),
                () -> new LoopReparameterization(latent, logVarMin, logVarMax, kernels));
    }

    @Override
    public long featureSize() {
        return features;
    }

    @Override
    public long codeSize() {
        return latent;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    /** The KL weight in epoch {@code epoch} (0: outside training, the full β). */
    public double klWeight(int epoch) {
        return warmupEpochs == 0 || epoch == 0 ? beta : beta * Math.min(1.0, (double) epoch / warmupEpochs);
    }

    private static final Identity IDENTITY = new Identity();

    /** {@code [μ, log σ²]} before clipping, {@code [B, 2L]}. */
    private INDArray parametersOf(INDArray h) {
        if (h.rank() != 2 || h.size(1) != features) {
            throw new IllegalArgumentException("gaussian bottleneck expects features [batch, " + features + "], got "
                    + java.util.Arrays.toString(h.shape()));
        }
        INDArray out = Nd4j.createUninitialized(h.dataType(), h.size(0), 2 * latent);
        Gemm.into(h, weights.value(), out, false, false, 1.0, 0.0);
        kernels.biasActivation(out, bias.value(), IDENTITY);
        return out;
    }

    /** The posterior mean μ and clipped log-variance of each example. */
    public Posterior posterior(INDArray h) {
        return Posterior.of(parametersOf(h), latent, logVarMin, logVarMax);
    }

    /** The diagonal Gaussian posterior q(z|x): means and clipped log-variances, {@code [B, L]} each. */
    public record Posterior(INDArray mu, INDArray logVariance, INDArray rawLogVariance) {

        /** The posterior of {@code [μ, raw log σ²]} ({@code [B, 2L]}), the log-variance clipped to {@code [min, max]}. */
        static Posterior of(INDArray parameters, long latent, double logVarMin, double logVarMax) {
            INDArray mu = parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent)).dup('c');
            INDArray rawLogVariance = parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent)).dup('c');
            INDArray logVariance = InPlace.clip(rawLogVariance.dup(), logVarMin, logVarMax);
            return new Posterior(mu, logVariance, rawLogVariance);
        }

        /** {@code KL(q ‖ N(0, I))} of each example, {@code [B]}. */
        public INDArray kl() {
            INDArray terms = logVariance.add(1.0).subi(mu.mul(mu)).subi(Transforms.exp(logVariance, true));
            return terms.sum(1).muli(-0.5);
        }

        /** The mean of {@link #kl()} over the batch, computed with no scalar ops (they allocate per call). */
        public double klMean() {
            double terms = logVariance.sumNumber().doubleValue() - org.ae4j.util.Sums.dot(mu, mu)
                    - Transforms.exp(logVariance, true).sumNumber().doubleValue();
            return -0.5 * (terms / mu.size(0) + mu.size(1));
        }

        /** A reparameterised sample {@code μ + σ ⊙ ε} with {@code ε} drawn from {@code random} by {@code kernels}. */
        public INDArray sample(RandomSource random, Kernels kernels) {
            INDArray epsilon = kernels.gaussian(Nd4j.createUninitialized(mu.dataType(), mu.shape()), 0, 1, random);
            return Transforms.exp(logVariance.mul(0.5), false).muli(epsilon).addi(mu);
        }
    }

    @Override
    public Code forward(INDArray h, RandomSource random, int epoch) {
        return sampling.forward(h, parametersOf(h), random, klWeight(epoch));
    }

    /** Adds the parameter gradients of {@code [μ, log σ²] = h·W + b} given ∂L/∂[μ, log σ²]; returns ∂L/∂h. */
    private INDArray backpropLinear(INDArray h, INDArray dOut) {
        Gemm.into(h, dOut, weights.gradient(), true, false, 1.0, 1.0);
        OnesRow.addColumnSums(dOut, bias.gradient());
        INDArray dh = Nd4j.createUninitialized(h.dataType(), h.size(0), features);
        return Gemm.into(dOut, weights.value(), dh, false, true, 1.0, 0.0);
    }

    @Override
    public INDArray backward(Code code, INDArray codeGradient) {
        return backpropLinear(code.features(), sampling.backward(code, codeGradient));
    }

    @Override
    public INDArray encode(INDArray h) {
        return posterior(h).mu();
    }

    /** The posterior mean: ONNX {@code Gemm} with the μ columns of {@code W} and {@code b}. */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        INDArray muWeights = weights.value().get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent));
        INDArray muBias = bias.value().get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent));
        return graph.node("Gemm", input, graph.constant("bottleneck.W_mu", muWeights), graph.constant("bottleneck.b_mu", muBias))
                .output();
    }
}
