package org.ae4j.vae;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.ae4j.spi.Bottleneck;
import org.ae4j.spi.Code;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.RandomSource;
import org.ae4j.util.Fused;
import org.ae4j.util.Gemm;
import org.ae4j.util.InPlace;
import org.ae4j.util.OnesRow;
import org.nd4j.linalg.api.buffer.DataType;
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
 * epoch {@code e}. At inference {@link #encode} gives the posterior mean {@code μ}.
 */
public final class GaussianBottleneck implements Bottleneck {

    private final long features;
    private final long latent;
    private final double beta;
    private final int warmupEpochs;
    private final double logVarMin;
    private final double logVarMax;
    private final Parameter weights;
    private final Parameter bias;

    /**
     * @param weights {@code [features, 2·latent]}: the μ columns, then the log σ² columns
     * @param bias    {@code [1, 2·latent]}
     */
    public GaussianBottleneck(INDArray weights, INDArray bias, double beta, int warmupEpochs, double logVarMin,
                              double logVarMax) {
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

    /** {@code [μ, log σ²]} before clipping, {@code [B, 2L]}. */
    private INDArray parametersOf(INDArray h) {
        if (h.rank() != 2 || h.size(1) != features) {
            throw new IllegalArgumentException("gaussian bottleneck expects features [batch, " + features + "], got "
                    + java.util.Arrays.toString(h.shape()));
        }
        INDArray out = Nd4j.createUninitialized(h.dataType(), h.size(0), 2 * latent);
        Gemm.into(h, weights.value(), out, false, false, 1.0, 0.0);
        return Fused.biasActivation(out, bias.value(), Fused.Pointwise.IDENTITY) ? out : out.addiRowVector(bias.value());
    }

    /** The posterior mean μ and clipped log-variance of each example. */
    public Posterior posterior(INDArray h) {
        INDArray out = parametersOf(h);
        INDArray mu = out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent)).dup('c');
        INDArray rawLogVariance = out.get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent)).dup('c');
        INDArray logVariance = InPlace.clip(rawLogVariance.dup(), logVarMin, logVarMax);
        return new Posterior(mu, logVariance, rawLogVariance);
    }

    /** The diagonal Gaussian posterior q(z|x): means and clipped log-variances, {@code [B, L]} each. */
    public record Posterior(INDArray mu, INDArray logVariance, INDArray rawLogVariance) {

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

        /** A reparameterised sample {@code μ + σ ⊙ ε} with {@code ε} drawn from {@code random}. */
        public INDArray sample(RandomSource random) {
            INDArray epsilon = random.gaussianInPlace(Nd4j.createUninitialized(mu.dataType(), mu.shape()), 0, 1);
            return Transforms.exp(logVariance.mul(0.5), false).muli(epsilon).addi(mu);
        }
    }

    @Override
    public Code forward(INDArray h, RandomSource random, int epoch) {
        if (Fused.enabled() && h.dataType() == DataType.FLOAT) {
            Code code = fusedForward(h, random, epoch);
            if (code != null) {
                return code;
            }
        }
        Posterior q = posterior(h);
        INDArray epsilon = random.gaussianInPlace(Nd4j.createUninitialized(h.dataType(), q.mu().shape()), 0, 1);
        INDArray std = Transforms.exp(InPlace.scale(q.logVariance().dup(), 0.5), false);
        INDArray z = std.mul(epsilon).addi(q.mu());
        double weight = klWeight(epoch);
        double kl = q.klMean();
        return new Code(h, z, weight * kl, Map.of("mu", q.mu(), "logVariance", q.logVariance(),
                "rawLogVariance", q.rawLogVariance(), "epsilon", epsilon, "std", std,
                "klWeight", Nd4j.scalar(weight)));
    }

    /**
     * The forward pass in one Java loop over the {@code [B, 2L]} parameters (small arrays: ND4J's ops
     * would cost more in dispatch than in arithmetic); {@code null} if an array is not plain float.
     */
    private Code fusedForward(INDArray h, RandomSource random, int epoch) {
        INDArray out = parametersOf(h);
        int b = (int) h.size(0);
        int l = (int) latent;
        INDArray epsilon = random.gaussianInPlace(Nd4j.createUninitialized(DataType.FLOAT, b, l), 0, 1);
        INDArray z = Nd4j.createUninitialized(DataType.FLOAT, b, l);
        INDArray std = Nd4j.createUninitialized(DataType.FLOAT, b, l);
        FloatBuffer o = Fused.floats(out);
        FloatBuffer e = Fused.floats(epsilon);
        FloatBuffer zs = Fused.floats(z);
        FloatBuffer ss = Fused.floats(std);
        if (o == null || e == null || zs == null || ss == null) {
            return null;
        }
        double terms = 0;
        for (int row = 0; row < b; row++) {
            for (int j = 0; j < l; j++) {
                float mu = o.get(row * 2 * l + j);
                float logVariance = (float) Math.min(logVarMax, Math.max(logVarMin, o.get(row * 2 * l + l + j)));
                float sigma = (float) Math.exp(0.5 * logVariance);
                ss.put(row * l + j, sigma);
                zs.put(row * l + j, mu + sigma * e.get(row * l + j));
                terms += 1 + logVariance - mu * mu - sigma * sigma;
            }
        }
        double weight = klWeight(epoch);
        double kl = -0.5 * terms / b;
        return new Code(h, z, weight * kl, Map.of("parameters", out, "epsilon", epsilon, "std", std,
                "klWeight", Nd4j.scalar(weight)));
    }

    /** Backward of {@link #fusedForward}: ∂L/∂[μ, log σ²] in one Java loop, then the products. */
    private INDArray fusedBackward(Code code, INDArray codeGradient) {
        INDArray h = code.features();
        int b = (int) h.size(0);
        int l = (int) latent;
        double scale = code.saved("klWeight").getDouble(0) / b;
        INDArray dOut = Nd4j.createUninitialized(DataType.FLOAT, b, 2 * l);
        FloatBuffer o = Fused.floats(code.saved("parameters"));
        FloatBuffer e = Fused.floats(code.saved("epsilon"));
        FloatBuffer ss = Fused.floats(code.saved("std"));
        INDArray gradient = Fused.floats(codeGradient) != null ? codeGradient : codeGradient.castTo(DataType.FLOAT).dup('c');
        FloatBuffer g = Fused.floats(gradient);
        FloatBuffer d = Fused.floats(dOut);
        for (int row = 0; row < b; row++) {
            for (int j = 0; j < l; j++) {
                int at = row * l + j;
                float gz = g.get(at);
                d.put(row * 2 * l + j, (float) (gz + scale * o.get(row * 2 * l + j)));
                float raw = o.get(row * 2 * l + l + j);
                float sigma = ss.get(at);
                boolean inside = raw >= logVarMin && raw <= logVarMax;      // no gradient where the clip was active
                d.put(row * 2 * l + l + j, inside ? (float) (0.5 * gz * e.get(at) * sigma + 0.5 * scale * (sigma * sigma - 1)) : 0f);
            }
        }
        java.lang.ref.Reference.reachabilityFence(gradient);
        return backpropLinear(h, dOut);
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
        if (code.saved().containsKey("parameters")) {
            return fusedBackward(code, codeGradient);
        }
        INDArray h = code.features();
        INDArray mu = code.saved("mu");
        INDArray logVariance = code.saved("logVariance");
        INDArray raw = code.saved("rawLogVariance");
        INDArray std = code.saved("std");
        double scale = code.saved("klWeight").getDouble(0) / h.size(0);
        // no scalar ops here: each would allocate a native one-value array per call
        INDArray dMu = InPlace.scale(mu.dup(), scale).addi(codeGradient);
        INDArray dLogVariance = InPlace.scale(codeGradient.mul(code.saved("epsilon")).muli(std), 0.5)
                .addi(InPlace.add(InPlace.scale(Transforms.exp(logVariance, true), 0.5 * scale), -0.5 * scale));
        INDArray inside = raw.eq(logVariance).castTo(raw.dataType());   // 1 where the clip was not active
        dLogVariance.muli(inside);
        INDArray dOut = Nd4j.hstack(dMu, dLogVariance);
        return backpropLinear(h, dOut);
    }

    @Override
    public INDArray encode(INDArray h) {
        return posterior(h).mu();
    }
}
